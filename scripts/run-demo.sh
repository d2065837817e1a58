#!/bin/sh
# `make run`: open the terminal interface on the demo practice, creating it
# on first use in build/demo/ (delete that folder to start again).
set -e
db=build/demo/demo.db
mkdir -p build/demo
chmod 700 build/demo
if [ ! -f "$db" ]; then
	./quotepart --db "$db" demo
fi
exec ./quotepart --db "$db"
