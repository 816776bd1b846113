/* rectify-outbox-private.h: the send state machine behind the outbox's queue
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rectify-outbox.c keeps the queue and its API; rectify-outbox-job.c runs
 * each case's send (a RectifyOutboxJob) through the states of
 * #RectifySendState. Only those two files include this.
 */

#pragma once

#include "rectify-outbox.h"

G_BEGIN_DECLS

typedef enum
{
  RECTIFY_OUTBOX_PHASE_SEND,    /* check the files, upload them, create the request */
  RECTIFY_OUTBOX_PHASE_LOOKUP,  /* look the reference up among the owner's requests */
} RectifyOutboxPhase;

/* One per case being sent. Asynchronous calls hold a reference to the job,
 * never to the outbox; see rectify-outbox-job.c. */
typedef struct
{
  RectifyOutbox      *outbox;         /* unowned; NULL once detached */
  RectifyCase        *rcase;
  GCancellable       *cancellable;
  RectifyOutboxPhase  phase;
  guint               timer_id;
  guint               failures;       /* in a row, for the backoff */
  gboolean            waiting;        /* for the network or a desk client */
  gboolean            offline_retry;  /* the timer waits after NOTHING_SENT */
  gboolean            reuploaded;     /* the desk refused the tokens once */
  gboolean            known_created;  /* a 2xx came with an unreadable answer */
  guint               index;          /* the attachment being checked or uploaded */
  RectifyAttachment  *uploading;
  goffset             total_bytes;
  goffset             done_bytes;
  double              progress;
  RectifySendReason  *known;          /* what is known after an ambiguous create */
} RectifyOutboxJob;

struct _RectifyOutbox
{
  GObject                 parent_instance;

  RectifyCaseStore       *store;
  RectifyDeskClient      *client;
  GNetworkMonitor        *monitor;
  gulong                  network_changed_id;
  GCancellable           *cancellable;    /* saves */

  /* reference → RectifyOutboxJob, for each case being sent */
  GHashTable             *jobs;
  /* reference → GPtrArray of RectifyDeskFieldError, from the desk's last 422 */
  GHashTable             *rejections;

  guint                   backoff_base_ms;
  guint                   backoff_cap_ms;
  RectifyOutboxTimerFunc  timer_func;
  gpointer                timer_data;
  GDestroyNotify          timer_notify;
};

RectifyOutboxJob  *rectify_outbox_job_ref            (RectifyOutboxJob        *job);
void               rectify_outbox_job_unref          (RectifyOutboxJob        *job);
RectifyOutboxJob  *rectify_outbox_job_new            (RectifyOutbox           *self,
                                                      RectifyCase             *rcase,
                                                      RectifyOutboxPhase       phase);
void               rectify_outbox_job_detach         (RectifyOutboxJob        *job);
gboolean           rectify_outbox_job_set_state      (RectifyOutboxJob        *job,
                                                      RectifySendState         state,
                                                      const RectifySendReason *reason);
GPtrArray         *rectify_outbox_list_jobs          (RectifyOutbox           *self);
void               rectify_outbox_save_soon          (RectifyOutbox           *self,
                                                      RectifyCase             *rcase);
const char        *rectify_outbox_first_problem      (RectifyCase             *rcase);
RectifySendReason *rectify_outbox_describe_ambiguous (RectifyCase             *rcase,
                                                      const GError            *error);
void               rectify_outbox_forget_tokens      (RectifyCase             *rcase);
void               rectify_outbox_take_snapshot      (RectifyCase             *rcase);
void               rectify_outbox_job_ambiguous      (RectifyOutboxJob        *job,
                                                      const RectifySendReason *known);
void               rectify_outbox_job_run            (RectifyOutboxJob        *job);
void               rectify_outbox_emit_progress      (RectifyOutbox           *self,
                                                      RectifyCase             *rcase,
                                                      double                   fraction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RectifyOutboxJob, rectify_outbox_job_unref)

void rectify_outbox_attempt_had_no_effect (RectifyCase *rcase);

G_END_DECLS
