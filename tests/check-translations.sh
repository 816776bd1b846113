#!/bin/sh
# check-translations.sh SRCDIR: every catalogue in po/LINGUAS is valid and
# translates every message of the current sources.
#
# The template is made afresh from po/POTFILES.in, in a temporary folder,
# with the xgettext arguments `ninja rectify-pot` uses (po/meson.build and
# meson's glib preset), so a source string added or changed without its
# translations fails here. A catalogue must pass `msgfmt --check` (format
# directives, plural forms, header) and keep the mnemonic of each message
# (--check-accelerators), and `msgcmp` must find a translation for every
# message: untranslated and fuzzy entries count as missing, and are listed.
#
# Exits 0 when all is well, 1 on a failure, 77 (skipped) without gettext.

set -u

if [ $# -ne 1 ]; then
  echo "usage: $0 SRCDIR" >&2
  exit 2
fi
srcdir=$1

for tool in xgettext msgfmt msgcmp msgmerge msgattrib; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool not found (gettext is needed)"
    exit 77
  fi
done

if [ ! -f "$srcdir/po/POTFILES.in" ] || [ ! -f "$srcdir/po/LINGUAS" ]; then
  echo "no po/POTFILES.in or po/LINGUAS in $srcdir" >&2
  exit 1
fi

tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/rectify-translations.XXXXXX") || exit 1
trap 'rm -rf "$tmpdir"' EXIT
trap 'exit 1' HUP INT TERM
template=$tmpdir/rectify.pot

# Meson's `--internal gettext pot`: xgettext run from the source root on the
# files named in po/POTFILES.in, with the glib preset and the arguments of
# po/meson.build. Keep in step with both.
if ! (cd "$srcdir" && xgettext --package-name=rectify -f po/POTFILES.in -D . -k_ \
        -o "$template" \
        --from-code=UTF-8 --add-comments \
        --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
        --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
        --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
        --flag=g_dngettext:2:pass-c-format \
        --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
        --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
        --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format \
        --flag=g_log:3:c-format --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
        --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format \
        --flag=g_snprintf:3:c-format) >"$tmpdir/xgettext.log" 2>&1; then
  cat "$tmpdir/xgettext.log" >&2
  echo "FAIL: xgettext could not make the template" >&2
  exit 1
fi
# Its warnings (a msgid cut short by a macro such as G_GINT64_FORMAT, which
# xgettext cannot see through) are worth reading, but not a failure here.
grep -i warning "$tmpdir/xgettext.log" >&2

languages=$(sed -e 's/#.*//' "$srcdir/po/LINGUAS")
failed=0
checked=0

for lang in $languages; do
  po=$srcdir/po/$lang.po
  checked=$((checked + 1))

  if [ ! -s "$po" ]; then
    echo "FAIL $lang: po/$lang.po is missing or empty"
    failed=1
    continue
  fi

  if ! msgfmt --check --check-accelerators=_ -o /dev/null "$po"; then
    echo "FAIL $lang: msgfmt --check found errors in po/$lang.po"
    failed=1
  fi

  if msgcmp "$po" "$template" >"$tmpdir/msgcmp.log" 2>&1; then
    echo "ok $lang: $(msgfmt --statistics -o /dev/null "$po" 2>&1)"
  else
    grep -v 'warning: this message is not used' "$tmpdir/msgcmp.log"
    echo "FAIL $lang: po/$lang.po does not translate every message of the sources."
    echo "Missing (untranslated, fuzzy or absent) in po/$lang.po:"
    if msgmerge --quiet --no-fuzzy-matching -o "$tmpdir/$lang.po" "$po" "$template" 2>/dev/null; then
      msgattrib --no-obsolete --no-wrap --untranslated "$tmpdir/$lang.po" >"$tmpdir/missing.po"
      msgattrib --no-obsolete --no-wrap --only-fuzzy "$tmpdir/$lang.po" >>"$tmpdir/missing.po"
      awk '
        function unquote(s) { sub(/^"/, "", s); sub(/"$/, "", s); return s }
        function flush() {
          if (inid && id != "") print "  " (ctx != "" ? "[" ctx "] " : "") "\"" id "\""
          inid = 0; ctx = ""; id = ""
        }
        /^msgctxt / { flush(); ctx = unquote(substr($0, 9)); next }
        /^msgid / { inid = 1; id = unquote(substr($0, 7)); next }
        inid && /^"/ { id = id unquote($0); next }
        { flush() }
        END { flush() }
      ' "$tmpdir/missing.po"
    fi
    echo "Update it with: ninja -C BUILDDIR rectify-update-po, then translate what is new."
    failed=1
  fi
done

if [ "$checked" -eq 0 ]; then
  echo "po/LINGUAS names no language: nothing to check"
fi

exit $failed
