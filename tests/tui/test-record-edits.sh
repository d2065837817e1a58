#!/bin/sh
# test-record-edits.sh: the forms that change records beyond members: a
# post's funding (a share added, refused while the shares make more than
# 100 %, then fitted by period; deleted; undone); a receipt edited, its
# draft removed when its amount changes, and refused with the reason when
# an approved distribution froze it; hours
# corrected and deleted, each undone; a patient added (a social-security
# number refused as typed) and edited; an edit refused when another
# session changed the record; the receipt kinds shown by their labels.
. "$(dirname "$0")/lib.sh"

make_demo
# An approved distribution freezes the first PEPS receipt.
"$QP_BIN" --db "$DB" distribute PEPS-2025-T1 --key PEPS >/dev/null 2>&1 || fail "distribute failed"
"$QP_BIN" --db "$DB" approve PEPS-2025-T1 --date 2025-05-10 --note "AG" >/dev/null || fail "approve failed"
# A draft of the third: computed on its amount, it goes when that changes.
"$QP_BIN" --db "$DB" distribute PEPS-2025-T3 --key PEPS >/dev/null 2>&1 || fail "distribute failed"
start 80 24
wait_for "Maison de santé des Tilleuls"

# ---- funding of a post ----
keys 3
wait_for "[3 Posts]"
keys /; type_text "COORD"; keys Enter
wait_for "> COORD"
keys f
wait_for "Funding of post COORD"
wait_for "ACI (interprofessional"
wait_for "70 % 2025-01-01 2025-12-31"
keys a
wait_for "New share of post COORD"
keys C-u; type_text "IPEP"; keys Tab
type_text "200"
wait_for "above 0 and at most 100"
keys C-u; type_text "20"; keys Tab
keys C-u; type_text "2025-07-01"; keys Enter Enter
wait_for "on 2025-07-01 the shares add up to 120 %, more than 100 %"
keys Escape
wait_for "Discard your changes?"
keys y
# FIR pays 30 % until June only: then IPEP takes 20 % from July.
keys j e
wait_for "Share of FIR in post COORD"
keys Tab Tab Tab C-u; type_text "2025-06-30"; keys Enter
wait_for "Funding of post COORD saved (u undoes it)."
keys a
keys C-u; type_text "IPEP"; keys Tab; type_text "20"; keys Tab
keys C-u; type_text "2025-07-01"; keys Enter; type_text "2025-12-31"; keys Enter
wait_for "Funding of post COORD saved (u undoes it)."
wait_for "IPEP (shared-care"
"$QP_BIN" --db "$DB" export posts | grep -q "IPEP:20" || fail "the new share is not stored"
keys u
wait_for "Undo the change of the funding of post COORD"
keys y
wait_for "Undone: the change of the funding of post COORD."
wait_gone "IPEP (shared-care"
# Delete a share, after a confirmation.
keys g D
wait_for "Remove the share of ACI (70 %) from the funding of post COORD?"
keys y
wait_for "Funding of post COORD saved"
"$QP_BIN" --db "$DB" export posts | grep "^COORD" | grep -q "ACI:" && fail "the ACI share is still stored"
keys Escape
wait_for "Yearly cost"

# ---- receipts ----
keys 5
wait_for "[5 Receipts]"
wait_for "Quarterly a"                   # the kind's label, not its code
keys /; type_text "PEPS-2025-T1"; keys Enter
wait_for "> 2025-02-14"
keys e
wait_for "Edit receipt PEPS-2025-T1"
wait_for "An approved distribution divides this receipt"
keys Tab Tab Tab Tab Tab Tab C-u; type_text "100,00"
keys Enter Enter Enter
wait_for "Error: receipt PEPS-2025-T1 is divided by an approved distribution"
wait_for "received, reference and note can); nothing was saved"
# The note may still change.
keys Up Up C-u; type_text "23 145,87"
keys Enter Enter; type_text " (bank 12)"; keys Enter
wait_for "Receipt PEPS-2025-T1 saved (u undoes it)."
"$QP_BIN" --db "$DB" export receipts | grep -q "PEPS-2025-T1;PEPS 2025, 1er trimestre (bank 12)" || fail "note not saved"
keys Escape
keys /; type_text "PEPS-2025-T2"; keys Enter
wait_for "> 2025-05-15"
keys e
wait_for "Edit receipt PEPS-2025-T2"
keys Tab Tab Tab Tab Tab Tab C-u; type_text "23 000,00"
keys Enter Enter Enter
wait_for "Receipt PEPS-2025-T2 saved (u undoes it)."
wait_for "€23,000.00"
keys Escape
keys /; type_text "PEPS-2025-T3"; keys Enter
wait_for "> 2025-08-14"
wait_for "draft"
keys e
wait_for "This receipt has a draft distribution"
keys Tab Tab Tab Tab Tab Tab C-u; type_text "23 600,00"
keys Enter Enter Enter
wait_for "Receipt PEPS-2025-T3 saved; its draft D2, made with the old figures, was"
wait_for "to divide"
keys Escape
keys /; type_text "PEPS-2025-T2"; keys Enter
wait_for "> 2025-05-15"
# Another session changes it while a form is open: refused.
keys e
wait_for "Edit receipt PEPS-2025-T2"
printf 'source;kind;exercise;period_start;period_end;received;amount;reference;note\nPEPS;quarterly;2025;2025-01-01;2025-12-31;2025-05-15;22 987,13;PEPS-2025-T2;from elsewhere\n' >"$TMPD/r.csv"
"$QP_BIN" --db "$DB" import receipts "$TMPD/r.csv" >/dev/null || fail "import failed"
keys Tab Tab Tab Tab Tab Tab C-u; type_text "1,00"
keys Enter Enter Enter
wait_for "receipt PEPS-2025-T2 was changed in another session since you"
keys Escape
wait_for "Discard your changes?"
keys y
wait_for "€22,987.13"
# The last change of this session: the third's amount, put back (its
# draft stays gone: it is divided again).
keys u
wait_for "Undo the change of receipt PEPS-2025-T3"
keys y
wait_for "Undone: the change of receipt PEPS-2025-T3."
"$QP_BIN" --db "$DB" export receipts | grep -q ";23510,42;PEPS-2025-T3;" || fail "undo did not restore the amount"

# ---- activities ----
keys Escape 6
wait_for "[6 Activities]"
keys G e
wait_for "Edit hours of activity"
keys Tab Tab Tab C-u; type_text "7,5"; keys Enter Enter
wait_for "saved (u undoes it)."
wait_for "7.50"
keys u y
wait_for "Undone: the change of the hours of"
wait_gone " 7.50 "
keys D
wait_for "Delete the"
keys y
wait_for "removed (u undoes it)."
keys u y
wait_for "Undone: the removal of the hours of"

# ---- patients ----
keys 4
wait_for "Patients per GP"
keys a
wait_for "New patient"
type_text "185057800608491"
wait_for "looks like a social-security number (NIR)"
keys C-u; type_text "PNEW1"; keys Tab Tab Tab Tab
type_text "1957"; keys Tab Tab
type_text "diabetes, flu"
wait_for 'unknown ALD category "flu"'
keys C-u; type_text "diabetes, cardio"; keys Enter Enter
wait_for "Patient PNEW1 added (u undoes it)."
wait_for "5001 patient(s)"
keys /; type_text "PNEW1"; keys Enter
wait_for ">PNEW1"
wait_for "ALD: diabetes|cardio"
keys e
wait_for "Edit patient PNEW1"
keys Down Down Down Down Down Down Right Enter
wait_for "Patient PNEW1 saved (u undoes it)."
wait_for "C2S: yes"
keys u y
wait_for "Undone: the change of patient PNEW1."
wait_for "C2S: no"

keys q
check_restored 0
"$QP_BIN" --db "$DB" check >/dev/null || fail "check found a problem"
echo "ok"
