#!/bin/sh
# Compile the example keys of config/keys/ into the program (for `demo`):
# embed-keys.sh FILE... > out.c
echo '/* Generated from config/keys/ by scripts/embed-keys.sh: do not edit. */'
echo '#include <stddef.h>'
echo 'struct qp_example_key { const char *file; const char *text; };'
echo 'extern const struct qp_example_key qp_example_keys[];'
echo 'extern const size_t qp_n_example_keys;'
echo 'const struct qp_example_key qp_example_keys[] = {'
n=0
for f in "$@"; do
	printf '\t{ "%s",\n' "$f"
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t  "/' -e 's/$/\\n"/' "$f"
	printf '\t},\n'
	n=$((n + 1))
done
echo '};'
echo "const size_t qp_n_example_keys = $n;"
