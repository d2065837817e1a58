#!/usr/bin/perl
# sqlcheck.pl: SQL only through bound parameters. Reads the C files under
# the folders given and prints every place where SQL may be built from
# strings: a call of sqlite3_prepare*/sqlite3_exec, or of a wrapper (any
# function with a parameter named `sql`), whose SQL argument is not a
# string literal; any printf-like format that holds SQL; any
# sqlite3_mprintf. A wrapper passing its own `sql` on is fine (its callers
# are checked). Known exceptions are listed below with their reason; one
# that no longer matches is reported too, so the list stays true.
# Exit 0 when clean, 1 otherwise. Usage: sqlcheck.pl DIR...
use strict;
use warnings;

# file|function|expression => why it is safe
my %allowed = (
	'src/db/db.c|migrate|m->sql' =>
		'the migrations: string literals of the table in src/db/schema.c',
	'src/db/db.c|migrate|sql' =>
		'"PRAGMA user_version = %d" with the int of the migration table: PRAGMAs take no parameters',
	'src/db/db.c|migrate|printf:PRAGMA user_version = %d;' =>
		'the same statement being formatted',
	'src/db/db.c|db_integrity|checks[i]' =>
		'a static table of two literal PRAGMAs',
	'src/db/lists.c|db_count|sql' =>
		'the table name comes from the whitelist tables[] (names cannot be bound)',
	'src/db/lists.c|db_count|printf:SELECT count(*) FROM %s;' =>
		'the same statement being formatted',
);

# The C files under the folders given (perl-base only: no File::Find).
my @files;
sub walk {
	my ($dir) = @_;
	opendir(my $dh, $dir) or die "$dir: $!";
	for my $e (sort readdir $dh) {
		next if $e =~ /^\./;
		my $p = "$dir/$e";
		if (-d $p) { walk($p) } elsif ($e =~ /\.[ch]$/) { push @files, $p }
	}
	closedir $dh;
}
walk($_) for @ARGV;
@files = sort @files;

# SQL entry points and the index of their SQL argument: global ones (the
# SQLite API, wrappers in headers) and each file's static wrappers.
my (%sinks, %local_sinks, @problems, %used);
my %texts;

# Comments out, strings kept (they are what we look at).
sub strip_comments {
	my ($t) = @_;
	my $out = '';
	while ($t =~ /\G(?:("(?:\\.|[^"\\])*")|('(?:\\.|[^'\\])*')|(\/\*.*?\*\/)|(\/\/[^\n]*)|(.))/gcs) {
		if (defined $1) { $out .= $1 }
		elsif (defined $2) { $out .= $2 }
		elsif (defined $3) { my $c = $3; $c =~ s/[^\n]/ /g; $out .= $c }
		elsif (defined $4) { $out .= ' ' x length($4) }
		else { $out .= $5 }
	}
	return $out;
}

# The arguments of the call whose '(' is at $pos: split at top-level
# commas, strings and nested parentheses respected.
sub call_args {
	my ($t, $pos) = @_;
	my $depth = 0;
	my $cur = '';
	my @args;
	pos($t) = $pos;
	while ($t =~ /\G(?:("(?:\\.|[^"\\])*")|('(?:\\.|[^'\\])*')|(.))/gcs) {
		if (defined $1 || defined $2) { $cur .= defined $1 ? $1 : $2; next }
		my $c = $3;
		if ($c eq '(') { $depth++; next if $depth == 1 }
		if ($c eq ')') { $depth--; if ($depth == 0) { push @args, $cur; return @args } }
		if ($c eq ',' && $depth == 1) { push @args, $cur; $cur = ''; next }
		$cur .= $c;
	}
	return @args;
}

# The function each offset of a file is in: [offset, name, params].
sub functions {
	my ($t) = @_;
	my @f;
	while ($t =~ /^((?:[A-Za-z_][\w \t\*]*?[\s\*])?)([A-Za-z_]\w*)\s*\(([^;{}()]*(?:\([^()]*\)[^;{}()]*)*)\)\s*\{/gm) {
		my ($at, $prefix, $name, $params) = ($-[0], $1, $2, $3);
		push @f, [ $at, $name, $params, $prefix =~ /\bstatic\b/ ? 1 : 0 ];
	}
	return @f;
}

sub function_at {
	my ($fs, $pos) = @_;
	my $cur = [ 0, '?', '' ];
	for my $f (@$fs) { last if $f->[0] > $pos; $cur = $f }
	return $cur;
}

sub line_of { my ($t, $pos) = @_; return 1 + (substr($t, 0, $pos) =~ tr/\n//) }

# Whether an expression is only string literals, macros that stand for
# string literals (%$macros) included.
sub literal_only {
	my ($a, $macros) = @_;
	$a =~ s/\b([A-Za-z_]\w*)\b/exists $macros->{$1} ? $macros->{$1} : $1/ge;
	$a =~ s/\s+//g;
	return $a =~ /^(?:"(?:\\.|[^"\\])*")+$/;
}

# The macros of a text that are string literals: #define NAME "..." "...".
sub string_macros {
	my ($t) = @_;
	my %m;
	while ($t =~ /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)[ \t]+((?:"(?:\\.|[^"\\])*"(?:[ \t]|\\\n)*)+)$/gm) {
		(my $v = $2) =~ s/\\\n/ /g;
		$m{$1} = $v;
	}
	return %m;
}

for my $file (@files) {
	open my $fh, '<', $file or die "$file: $!";
	local $/;
	my $t = strip_comments(<$fh>);
	close $fh;
	$texts{$file} = $t;
	# Wrappers: a parameter named sql, at its position.
	for my $f (functions($t)) {
		my @p = split /,/, $f->[2];
		for my $i (0 .. $#p) {
			next unless $p[$i] =~ /\bsql\s*$/;
			if ($f->[3]) { $local_sinks{$file}{$f->[1]} = $i } else { $sinks{$f->[1]} = $i }
		}
	}
}
$sinks{$_} = 1 for qw(sqlite3_prepare sqlite3_prepare_v2 sqlite3_prepare_v3
                      sqlite3_prepare16 sqlite3_prepare16_v2 sqlite3_prepare16_v3 sqlite3_exec);

for my $file (@files) {
	my $t = $texts{$file};
	my %here = (%sinks, %{ $local_sinks{$file} || {} });
	my %macros = string_macros($t);
	my $names = join '|', map { quotemeta } sort keys %here;
	my @fs = functions($t);
	(my $rel = $file) =~ s{^\./}{};
	while ($t =~ /\b($names)\s*\(/g) {
		my ($name, $open) = ($1, $+[0] - 1);
		my $start = $-[0];
		# Skip the definition and declarations of the function itself.
		my $before = substr($t, 0, $start);
		next if $before =~ /(?:^|[\s\*])(?:enum\s+\w+|int|void|static|const\s+char)\s*\**\s*$/;
		my @args = call_args($t, $open);
		my $i = $here{$name};
		next unless defined $args[$i];
		(my $arg = $args[$i]) =~ s/^\s+|\s+$//g;
		next if literal_only($arg, \%macros);
		my $fn = function_at(\@fs, $start);
		next if $arg eq 'sql' && $fn->[2] =~ /\bsql\s*(?:,|$)/;
		my $key = "$rel|$fn->[1]|$arg";
		if (exists $allowed{$key}) { $used{$key} = 1; next }
		push @problems, sprintf("%s:%d: %s() in %s() gets SQL from \"%s\", not a string literal",
		                        $rel, line_of($t, $start), $name, $fn->[1], $arg);
	}
	# SQL in a format string.
	while ($t =~ /\b(s?n?printf|asprintf|sb_printf|sqlite3_v?mprintf|sqlite3_snprintf|err_set)\s*\(/g) {
		my ($name, $open, $start) = ($1, $+[0] - 1, $-[0]);
		my @args = call_args($t, $open);
		for my $a (@args) {
			next unless $a =~ /^\s*((?:"(?:\\.|[^"\\])*"\s*)+)$/s;
			(my $fmt = $1) =~ s/"\s*"//g;
			$fmt =~ s/^\s*"|"\s*$//g;
			next unless $fmt =~ /^\s*(?:SELECT|INSERT|UPDATE|DELETE|REPLACE|PRAGMA|CREATE|DROP|ALTER|BEGIN|COMMIT|ATTACH|WITH)\b/i
			         && $fmt =~ /%/;
			my $fn = function_at(\@fs, $start);
			my $key = "$rel|$fn->[1]|printf:$fmt";
			if (exists $allowed{$key}) { $used{$key} = 1; next }
			push @problems, sprintf("%s:%d: %s() in %s() formats SQL: \"%s\"",
			                        $rel, line_of($t, $start), $name, $fn->[1], $fmt);
		}
		if ($name =~ /^sqlite3_/) {
			my $fn = function_at(\@fs, $start);
			push @problems, sprintf("%s:%d: %s() in %s(): SQL built with SQLite's printf",
			                        $rel, line_of($t, $start), $name, $fn->[1]);
		}
	}
}
# Exceptions that no longer match anything (only for the folders scanned).
for my $key (sort keys %allowed) {
	my ($file) = split /\|/, $key;
	next unless grep { my $f = $_; $f =~ s{^\./}{}; $f eq $file } @files;
	push @problems, "stale exception (nothing matches it any more): $key" unless $used{$key};
}
my %all = %sinks;
$all{$_} = 1 for map { keys %$_ } values %local_sinks;
printf "sqlcheck: %d files, %d SQL entry points (%s)\n", scalar @files, scalar keys %all,
	join(', ', sort keys %all);
print "$_\n" for @problems;
exit(@problems ? 1 : 0);
