#!/bin/sh
# Fake merge_config.sh for tests: merge_config.sh -m -O DIR BASE FRAGMENT... writes DIR/.config with
# BASE's lines, each fragment's options replacing earlier values of the same option.
[ "$1" = "-m" ] || { echo "fake merge_config.sh: only -m is supported" >&2; exit 1; }
[ "$2" = "-O" ] || { echo "fake merge_config.sh: -O DIR expected" >&2; exit 1; }
out=$3/.config; base=$4; shift 4
tmp=$(mktemp)
cp "$base" "$tmp"
for fragment in "$@"; do
	[ -r "$fragment" ] || { echo "The merge file '$fragment' does not exist.  Exit." >&2; exit 1; }
	sed -n 's/^\(CONFIG_[A-Za-z0-9_]*\)=.*/\1/p; s/^# \(CONFIG_[A-Za-z0-9_]*\) is not set/\1/p' "$fragment" |
		while read -r option; do
			sed -i "/^$option=/d; /^# $option is not set/d" "$tmp"
		done
	cat "$fragment" >> "$tmp"
done
mv "$tmp" "$out"
