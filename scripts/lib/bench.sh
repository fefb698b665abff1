# Shared pieces of scripts/bench and scripts/bench-soak: sourced (after
# lib/common.sh), never run. Both scripts measure against the same servers
# (bench's smtp_server on 25, nginx TLS on 465 in front of it), so where the
# tools live and how those servers start are kept in one place.
# The start_* functions expect $TMP (scratch dir) and $threads, and set SMTP_PID.

BUILD="${SMTPSWEEP_BENCH_BUILD:-$SMTPSWEEP_ROOT/build}"
CAL="$BUILD/bench/calibrate"
SCANNER="${SMTPSWEEP_BIN:-$BUILD/scanner/smtpsweep}"
RESULTS="$SMTPSWEEP_ROOT/bench/results"

# bench's smtp_server on port 25 (and $TMP/smtp.sock for nginx); returns once it listens.
start_smtp_server() {
    "$CAL/smtp_server" --threads "$threads" --port 25 --unix "$TMP/smtp.sock" \
        >"$TMP/smtp_server.json" 2>"$TMP/smtp_server.err" &
    SMTP_PID=$!
    until grep -qs listening "$TMP/smtp_server.err"; do
        kill -0 "$SMTP_PID" 2>/dev/null || die "smtp_server did not start: $(cat "$TMP/smtp_server.err")"
        sleep 0.05
    done
}

# nginx stream TLS (ECDSA P-256, fresh self-signed cert) proxying to smtp_server.
start_nginx() {
    local d="$TMP/nginx"
    mkdir -p "$d"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
        -keyout "$d/key.pem" -out "$d/cert.pem" -subj "/CN=bench.smtpsweep.invalid" 2>/dev/null
    sed -e "s#@PREFIX@#$d#g; s#@WORKERS@#$(nproc)#; s#@CERT@#$d/cert.pem#; s#@KEY@#$d/key.pem#" \
        -e "s#@UPSTREAM@#$TMP/smtp.sock#" "$SMTPSWEEP_ROOT/bench/nginx/stream-tls.conf" >"$d/nginx.conf"
    nginx -p "$d" -c "$d/nginx.conf" -e "$d/error.log" || die "nginx did not start"
}
