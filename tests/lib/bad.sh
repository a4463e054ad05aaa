# Bad-input tests (sourced by tests/run.sh; bash).  Each broken input must
# make ferry print exactly one line, starting with "ferry:", on stderr and
# exit with a status in 1..127 (>= 128 means ferry itself crashed).

BAD=$T/bad
MANGLE=$T/tools/elfmangle

bad_cases() {
	echo empty_file zero_file text_file directory missing_file unreadable_file
	echo x86_64_object x86_64_executable missing_interp_env missing_interp_option
	[ -x "$MANGLE" ] || return 0
	local k all=
	[ -n "$FULL" ] && all=all
	for k in static dynamic; do
		[ -e "$BAD/victim.$k" ] || continue
		"$MANGLE" cuts "$BAD/victim.$k" $all | sed "s/^/truncated:$k:/"
		"$MANGLE" list | grep -v '^interp_' | sed "s/^/corrupt:$k:/"
	done
	[ -e "$BAD/victim.dynamic" ] && "$MANGLE" list | grep '^interp_' | sed "s/^/corrupt:dynamic:/"
	return 0
}

# Makes the input of case $1 for backend $2 and sets FILE, EXTRA_ENV,
# EXTRA_OPT; returns 1 (after a note) if it cannot be made.  Each backend's
# job gets its own file: jobs run in parallel, and rewriting a file another
# job's ferry has mapped would make that run fail (SIGBUS), not ferry.
bad_fixture() {
	local c=$1 d=$BAD/fixtures
	mkdir -p "$d"
	FILE=$d/$(echo "$c" | tr ':' '_').$2
	EXTRA_ENV=()
	EXTRA_OPT=()
	case $c in
	empty_file) : >"$FILE" ;;
	zero_file) head -c 8192 /dev/zero >"$FILE" ;;
	text_file) printf 'This is not an executable.\nJust text.\n' >"$FILE" ;;
	directory) FILE=$d/a_directory; mkdir -p "$FILE" ;;
	missing_file) FILE=$d/does_not_exist; rm -f "$FILE" ;;
	unreadable_file) cp "$BAD/victim.static" "$FILE" && chmod 000 "$FILE" ;;
	x86_64_object) FILE=$BAD/x86_64_object.o ;;
	x86_64_executable) FILE=$BAD/x86_64_exe ;;
	missing_interp_env)
		FILE=$BAD/victim.dynamic
		EXTRA_ENV=(FERRY_SYSROOT=/nonexistent) ;;
	missing_interp_option)
		FILE=$BAD/victim.dynamic
		EXTRA_OPT=(-L /nonexistent) ;;
	truncated:*)
		local k=${c#truncated:}
		head -c "${k#*:}" "$BAD/victim.${k%%:*}" >"$FILE" && chmod 755 "$FILE" ;;
	corrupt:*)
		local k=${c#corrupt:}
		"$MANGLE" patch "$BAD/victim.${k%%:*}" "$FILE" "${k#*:}" 2>>"$LOG" ;;
	*) note "unknown case"; return 1 ;;
	esac
	[ -e "$FILE" ] || [ "$c" = missing_file ] || { note "could not make $FILE"; return 1; }
}

bad_label() {
	case $1 in
	truncated:*) local k=${1#truncated:}; echo "bad/truncated ${k%%:*} at ${k#*:} bytes" ;;
	corrupt:*) local k=${1#corrupt:}; echo "bad/corrupt ${k%%:*} ${k#*:}" ;;
	*) echo "bad/$1" ;;
	esac
}

run_bad() {
	local c=$1 be=$2
	local label
	label=$(job_label bad "$c" - "$be")
	if [ "$c" = unreadable_file ] && [ "$(id -u)" = 0 ]; then
		note "running as root: a chmod 000 file is still readable, so this case cannot be made"
		report SKIP "$label"
		return
	fi
	if [ "$c" = missing_interp_env ] && [ -n "${FERRY_CMD:-}" ]; then
		note "FERRY_SYSROOT is ferry's own variable; FERRY_CMD runs something else"
		report SKIP "$label"
		return
	fi
	if ! bad_fixture "$c" "$be"; then
		report FAIL "$label"
		return
	fi
	local -a envv fw
	mapfile -t envv < <(base_env | grep -v '^FERRY_SYSROOT=')
	mapfile -t fw < <(ferry_words "$be")
	local dir=$T/work/$ID ok=0 st
	run_capture "$dir" /dev/null "${envv[@]}" "${EXTRA_ENV[@]}" -- "${fw[@]}" "${EXTRA_OPT[@]}" "$FILE"
	st=$(cat "$dir/status")
	note "run: ${EXTRA_ENV[*]} $(cat "$dir/cmd")"
	if [ "$MSG_CHECK" = 1 ]; then
		if [ "$st" -eq 0 ] || [ "$st" -ge 124 ]; then
			note "exit status: expected 1..123, got $(status_name "$st")"
			ok=1
		fi
	elif [ "$st" -eq 0 ] || [ "$st" -eq 124 ] || { [ "$st" -gt 128 ] && [ "$st" -lt 160 ]; }; then
		# another program's conventions (qemu exits 255): only no crash
		note "exit status: expected non-zero and no signal, got $(status_name "$st")"
		ok=1
	fi
	if [ "$MSG_CHECK" = 1 ]; then
		local lines
		lines=$(wc -l <"$dir/err")
		if [ "$lines" -ne 1 ] || ! head -n1 "$dir/err" | grep -q '^ferry: '; then
			note "stderr: expected exactly one line starting with 'ferry: ', got $lines line(s)"
			ok=1
		fi
		case $c in
		missing_interp_*)
			local w
			for w in /nonexistent ld-linux-riscv64-lp64d.so.1 -L; do
				if ! grep -qF -- "$w" "$dir/err"; then
					note "the message should name the paths tried and mention -L; '$w' is missing"
					ok=1
				fi
			done ;;
		esac
	fi
	note_file "stdout:" "$dir/out" 5
	note_file "stderr:" "$dir/err" 10
	if [ $ok -eq 0 ]; then report PASS "$label"; else report FAIL "$label"; fi
}
