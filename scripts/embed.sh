#!/bin/sh
# Turn a text file into a C string constant: embed.sh NAME FILE > out.c
name=$1
file=$2
printf '/* Generated from %s by scripts/embed.sh: do not edit. */\n' "$file"
printf 'extern const char %s[];\n' "$name"
printf 'const char %s[] =\n' "$name"
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/\\n"/' "$file"
printf ';\n'
