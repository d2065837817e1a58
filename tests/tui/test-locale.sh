#!/bin/sh
# test-locale.sh: a terminal whose locale is not UTF-8 (LC_ALL=C, LANG=C)
# gets the same layout as a UTF-8 one (LANG=C.UTF-8): every column of
# every table starts where it does in UTF-8, amounts are whole (never
# cut), and only ASCII reaches the terminal (no "~B" for the bytes of a
# euro sign). The screens are read in both, then compared word by word.
. "$(dirname "$0")/lib.sh"

make_demo
"$QP_BIN" --db "$DB" distribute ACI-2025-AV --key ACI >/dev/null 2>&1 || fail "distribute failed"

# shoot DIR ENV...: the screens of the program run with ENV, into DIR.
shoot() {
	dir=$1
	shift
	mkdir -p "$dir"
	start 80 24 "$@"
	wait_for "Maison de sant"
	screen >"$dir/1"
	for k in 2 3 5 6 7 8 9; do
		keys "$k"
		wait_for "[$k "
		screen >"$dir/$k"
	done
	keys 8 Enter
	wait_for "Recipient"
	screen >"$dir/detail"
	keys q
	check_restored 0
	tmux -L "$SOCK" kill-server
}

shoot "$TMPD/utf8" LC_ALL= LANG=C.UTF-8
SOCK=qp-test-$$-ascii   # a server of its own: the first one may still be ending
shoot "$TMPD/ascii" LC_ALL=C LANG=C

# same_columns SCREEN FIRST LAST: on lines FIRST..LAST, every word (a run
# of letters, digits and , . : - / %) found on the same line of both
# screens starts in the same column (in characters, not bytes). Lines
# drawn with the terminal's line characters are left out of the words:
# tmux reads those back as the letters that stand for them (x, q, l...).
same_columns() {
	perl -e '
		my ($a, $b, $first, $last) = @ARGV;
		sub unboxed {
			my ($u, $s) = @_;
			utf8::decode($u);
			utf8::decode($s);
			for my $i (0 .. length($u) - 1) {
				substr($s, $i, 1) = " " if substr($u, $i, 1) =~ /[\x{2500}-\x{257f}]/ && $i < length($s);
			}
			$u =~ s/[\x{2500}-\x{257f}]/ /g;
			return ($u, $s);
		}
		sub words {
			my ($line) = @_;
			my @w;
			while ($line =~ /([A-Za-z0-9][A-Za-z0-9,.:\/%-]*)/g) {
				push @w, [$1, $-[1]];
			}
			return @w;
		}
		open(my $fa, "<", $a) or die; my @la = <$fa>;
		open(my $fb, "<", $b) or die; my @lb = <$fb>;
		my $bad = 0;
		for my $i ($first - 1 .. $last - 1) {
			my %seen;
			my ($ua, $ub) = unboxed($la[$i] // "", $lb[$i] // "");
			my @wb = words($ub);
			for my $w (words($ua)) {
				my ($text, $col) = @$w;
				my $n = $seen{$text}++;
				my @m = grep { $_->[0] eq $text } @wb;
				next if $n >= @m;   # a word written otherwise in ASCII
				next if $m[$n][1] == $col;
				print "line ", $i + 1, ": \"$text\" at column $col in UTF-8, ", $m[$n][1], " without\n";
				$bad = 1;
			}
		}
		exit $bad;
	' "$TMPD/utf8/$1" "$TMPD/ascii/$1" "$2" "$3" || fail "screen $1: the columns moved without UTF-8"
}

same_columns 1 4 9          # home: received by source, what became of it
same_columns 2 3 20         # members and the detail pane
same_columns 3 3 22         # posts, their cost and funding
same_columns 5 3 12         # receipts
same_columns 6 3 21         # activities
same_columns 7 3 8          # keys
same_columns 8 3 4          # distributions
same_columns 9 2 5          # a member's statement
same_columns detail 5 19    # a distribution's lines

for f in "$TMPD"/ascii/*; do
	if LC_ALL=C grep -q '[^ -~]' "$f"; then
		fail "$(basename "$f"): not ASCII without UTF-8: $(LC_ALL=C grep -n '[^ -~]' "$f" | head -n 3)"
	fi
	grep -q '~B' "$f" && fail "$(basename "$f"): the bytes of a character shown as escapes"
done
# Whole amounts, in the columns and in the lines of a distribution.
for want in "23,145.87 PEPS-2025-T1" "49,236.00 ACI-2025-AV" "33,177.47 ACI-2025-SOLDE"; do
	grep -q "$want" "$TMPD/ascii/5" || fail "receipts without UTF-8: \"$want\" is not there"
done
grep -q "18,000.00" "$TMPD/ascii/detail" || fail "a distribution's reservation is cut without UTF-8"
grep -q "Elise Martin" "$TMPD/ascii/2" || fail "names lose their letters without UTF-8"
echo "ok"
