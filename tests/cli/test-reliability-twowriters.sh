#!/bin/sh
# Two writers interleaved at random, with check during and between
# (tests/reliability/twowriters.sh): the quick run of make check, two
# rounds of 12 operations per writer; make stress runs a long one.
exec sh tests/reliability/twowriters.sh
