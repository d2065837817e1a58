#!/bin/sh
# test-walkthrough.sh: a new user's path in a real terminal (80x24): the
# demo's home screen, the members, adding one through a form that says
# what is wrong as it is typed, recording a receipt, dividing it with a
# key (preview), approving it, reading a statement, resizing to 120x40,
# too small and back, quitting with the terminal restored.
. "$(dirname "$0")/lib.sh"

make_demo
start 80 24

# Home: the practice, the exercise, money by source, what waits.
wait_for "Maison de santé des Tilleuls"
wait_for "Exercise 2025: received, by source"
wait_for "What waits"
wait_for "? help"

# Members: the list with UTF-8 names aligned, and the detail pane.
keys 2
wait_for "[2 Members]"
wait_for "Thi-Hoa Nguyen"
screen | grep -q "^> BENALI" || fail "first member not selected"

# Add a member; wrong values are reported as typed.
keys a
wait_for "New member"
type_text "ZOLA"; keys Enter
type_text "Zoé Lefèvre"; keys Enter
keys C-u; type_text "nurze"
wait_for 'unknown profession "nurze"'
keys BSpace BSpace; type_text "se"
wait_gone 'unknown profession'
keys Enter Enter          # status: associate
keys C-u; type_text "2026-02-30"
wait_for "not a date"
keys C-u; type_text "2026-01-05"; keys Enter
keys Enter                # left: empty
keys C-u; type_text "0,8"; keys Enter
type_text "123"
wait_for "not an RPPS number"
keys C-u; keys Enter      # the last field: save
wait_for "Member ZOLA added."
wait_for "Zoé Lefèvre"

# The ? screen lists the keys from the action table.
keys '?'
wait_for "Every screen"
keys G
wait_for "In a form: Tab"
keys Escape
wait_for "[2 Members]"

# Record a receipt.
keys 5
wait_for "[5 Receipts]"
keys a
wait_for "Record a receipt"
keys Enter Enter Enter Enter Enter Enter   # source, kind, exercise, period, received
type_text "12 345,67"; keys Enter
type_text "TEST-REF-1"; keys Enter
keys Enter                                  # note: empty, saves
wait_for "Receipt recorded"
wait_for "TEST-REF-1"

# Divide it: the key picker, then the preview with every line's basis.
keys n
wait_for "Divide with which key?"
type_text "Equal"
wait_for ">Equal shares"
keys Enter
wait_for "PREVIEW (not saved) · TEST-REF-1"
wait_for "€12,345.67"
wait_for "ZOLA"

# Compare with another key: both amounts, the difference, bars.
keys c
wait_for "Compare with which key?"
type_text "PEPS"; keys Enter
wait_for "A = Equal shares v1, B = PEPS v1"
wait_for "B - A"
wait_for "bars: A █  B ▒"
# Totals per column: each key divides the whole receipt, so the same.
screen | grep -qE "^ Total +€12,345\.67 +€12,345\.67 +€0\.00" || fail "no totals under the comparison"
keys Escape
wait_for "PREVIEW (not saved) · TEST-REF-1"

# Approve: date and note, then the confirmation.
keys A
wait_for "Approve the distribution"
keys Enter
type_text "AG du 2 mars"; keys Enter
wait_for "Once approved it can never change"
keys y
wait_for "approved: it never changes from now on"
wait_for "Approved on 2026-03-02 · AG du 2 mars"

# A statement: the new member's line from that receipt.
keys 9
wait_for "[9 Statements]"
keys /; type_text "ZOLA"; keys Enter
wait_for "Zoé Lefèvre (ZOLA)"
wait_for "TEST-REF-1"
wait_for "quotepart statement --member ZOLA --year 2026"
keys Enter
wait_for "Statement of Zoé Lefèvre"
keys Escape
wait_for "[9 Statements]"

# Resize: larger shows the tab names whole; too small says so; back.
tmux -L "$SOCK" resize-window -t qp -x 120 -y 40
wait_for " 2 Members "
tmux -L "$SOCK" resize-window -t qp -x 60 -y 20
wait_for "Terminal too small"
tmux -L "$SOCK" resize-window -t qp -x 80 -y 24
wait_for "[9 Statements]"

keys q
check_restored 0
echo "ok"
