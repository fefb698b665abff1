#!/usr/bin/env bash
# A lab of two real Postfix instances for the accuracy tests (issue 9). Each
# instance lives entirely under DIR (its own config, queue and data
# directories, log file and SASL config), never reads /etc/postfix/main.cf
# and never touches the system's mail service. It must run inside the
# network sandbox (scripts/sandbox), where 198.18.0.0/15 is routed to lo:
#   mx1  198.18.9.1  the clean server: lab CA certificate (valid.pem),
#        25 STARTTLS optional, 587 TLS required with AUTH only after TLS,
#        465 implicit TLS (wrapper mode) with AUTH.
#   mx2  198.18.9.2  the sloppy server: self-signed certificate whose name
#        (mx1.lab.test) is not its own (mx2.lab.test), version in banner,
#        25 STARTTLS with AUTH before TLS, 587 without TLS and with AUTH,
#        465 implicit TLS limited to TLS 1.0/1.1.
# Usage: postfix_lab.sh start DIR CERTDIR | stop DIR | status DIR
# `start` stops whatever is left in DIR first, so it can be repeated; it
# starts both instances at once and returns when all six ports listen.
# `status` exits 0 only when both instances run.
set -euo pipefail

INSTANCES=(mx1 mx2)
declare -A ADDR=([mx1]=198.18.9.1 [mx2]=198.18.9.2)

die() { echo "postfix_lab: $*" >&2; exit 1; }

# Refuses to run outside a namespace whose only interface is lo.
require_sandbox() {
    [[ ${SMTPSWEEP_SANDBOX:-} == 1 ]] || die "not inside the network sandbox (run via scripts/sandbox)"
    local links
    links="$(ip -o link show | awk -F': ' '{print $2}' | tr '\n' ' ')"
    [[ $links == "lo " ]] || die "namespace has interfaces other than lo: $links"
    command -v postfix >/dev/null || [[ -x /usr/sbin/postfix ]] || die "postfix is not installed"
}

# main.cf shared by both instances; $1 instance dir, $2 name, $3 address.
write_main_cf() {
    local d=$1 name=$2 addr=$3
    cat >"$d/etc/main.cf" <<EOF
compatibility_level = 3.6
config_directory = $d/etc
queue_directory = $d/queue
data_directory = $d/data
maillog_file = $d/maillog
maillog_file_prefixes = $d
myhostname = $name.lab.test
mydomain = lab.test
myorigin = \$myhostname
mydestination = \$myhostname, localhost
mynetworks = 127.0.0.0/8
inet_interfaces = all
inet_protocols = ipv4
smtp_dns_support_level = disabled
smtpd_peername_lookup = no
biff = no
append_dot_mydomain = no
alias_maps =
alias_database =
local_recipient_maps =
relayhost =
default_transport = error:the lab delivers no mail
relay_transport = error:the lab delivers no mail
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
smtpd_tls_cert_file = $d/etc/cert.pem
smtpd_tls_key_file = $d/etc/key.pem
smtpd_tls_security_level = may
smtpd_tls_loglevel = 1
# The server picks the cipher, so every client that offers it gets the same.
tls_preempt_cipherlist = yes
smtpd_sasl_type = cyrus
smtpd_sasl_path = smtpd
cyrus_sasl_config_path = $d/etc/sasl
smtpd_sasl_auth_enable = no
smtpd_tls_auth_only = yes
broken_sasl_auth_clients = no
EOF
}

# master.cf: chroot column n everywhere; $1 instance dir, $2 name, $3 address.
# Listeners name their address: Postfix's inet_interfaces only accepts
# addresses configured on an interface, and the sandbox only routes 198.18/15.
write_master_cf() {
    local d=$1 name=$2 addr=$3
    {
        if [[ $name == mx1 ]]; then
            cat <<EOF
$addr:25  inet  n       -       n       -       -       smtpd
$addr:587 inet  n       -       n       -       -       smtpd
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
$addr:465 inet  n       -       n       -       -       smtpd
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
EOF
        else
            cat <<EOF
$addr:25  inet  n       -       n       -       -       smtpd
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=no
$addr:587 inet  n       -       n       -       -       smtpd
  -o smtpd_tls_security_level=none
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=no
$addr:465 inet  n       -       n       -       -       smtpd
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_protocols=!SSLv2,!SSLv3,!TLSv1.2,!TLSv1.3
  -o smtpd_tls_mandatory_protocols=!SSLv2,!SSLv3,!TLSv1.2,!TLSv1.3
  -o smtpd_tls_ciphers=medium
  -o smtpd_tls_mandatory_ciphers=medium
  -o tls_medium_cipherlist=DEFAULT:@SECLEVEL=0
EOF
        fi
        cat <<'EOF'
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
    } >"$d/etc/master.cf"
}

# Cyrus SASL config: advertises PLAIN and LOGIN; nobody can log in (no sasldb).
write_sasl_conf() {
    local d=$1
    mkdir -p "$d/etc/sasl"
    cat >"$d/etc/sasl/smtpd.conf" <<EOF
pwcheck_method: auxprop
auxprop_plugin: sasldb
sasldb_path: $d/etc/sasldb2
mech_list: PLAIN LOGIN
EOF
}

# Builds and starts one instance; $1 lab dir, $2 name, $3 cert dir.
start_instance() {
    local lab=$1 name=$2 certs=$3 d=$1/$2 cert
    if [[ $name == mx1 ]]; then cert=valid; else cert=selfsigned; fi
    rm -rf "$d"
    mkdir -p "$d/etc" "$d/queue" "$d/data"
    chmod 755 "$lab" "$d" "$d/etc"
    install -m 644 "$certs/$cert.pem" "$d/etc/cert.pem"
    install -m 600 "$certs/$cert.key" "$d/etc/key.pem"
    write_main_cf "$d" "$name" "${ADDR[$name]}"
    write_master_cf "$d" "$name" "${ADDR[$name]}"
    write_sasl_conf "$d"
    if [[ $name == mx2 ]]; then
        echo 'smtpd_banner = $myhostname ESMTP $mail_name $mail_version' >>"$d/etc/main.cf"
    fi
    chown postfix "$d/data"
    postfix -c "$d/etc" start >"$d/start.log" 2>&1 || {
        # Postfix prints its fatal message only to a terminal: rerun under one.
        script -qc "postfix -c $d/etc check" /dev/null >&2 || true
        cat "$d/maillog" >&2 2>/dev/null || true
        die "postfix $name did not start"
    }
}

# Waits until every lab port accepts TCP (bounded: 100 tries, 0.1 s apart).
wait_ready() {
    local name port tries
    for name in "${INSTANCES[@]}"; do
        for port in 25 465 587; do
            for ((tries = 0; ; tries++)); do
                (exec 3<>"/dev/tcp/${ADDR[$name]}/$port") 2>/dev/null && break
                ((tries < 100)) || die "$name ${ADDR[$name]}:$port never listened"
                sleep 0.1
            done
        done
    done
}

# Stops one instance and waits (bounded, 5 s) for its master to exit;
# kills the master's process group if it lingers.
stop_instance() {
    local d=$1 pid tries
    [[ -f $d/etc/main.cf ]] || return 0
    pid="$(tr -d ' \n' <"$d/queue/pid/master.pid" 2>/dev/null || true)"
    postfix -c "$d/etc" stop >/dev/null 2>&1 || true
    [[ $pid =~ ^[0-9]+$ ]] || return 0
    for ((tries = 0; tries < 50; tries++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

cmd=${1:-}
lab=${2:-}
[[ -n $cmd && -n $lab ]] || die "usage: postfix_lab.sh start DIR CERTDIR | stop DIR | status DIR"
case $cmd in
start)
    certs=${3:-}
    [[ -f $certs/valid.pem && -f $certs/selfsigned.pem ]] || die "no test certificates in '$certs'"
    require_sandbox
    mkdir -p "$lab"
    lab="$(cd "$lab" && pwd)"
    certs="$(cd "$certs" && pwd)"
    for name in "${INSTANCES[@]}"; do stop_instance "$lab/$name"; done
    pids=()
    for name in "${INSTANCES[@]}"; do start_instance "$lab" "$name" "$certs" & pids+=($!); done
    failed=0
    for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    if ((failed)); then
        for name in "${INSTANCES[@]}"; do stop_instance "$lab/$name"; done
        die "lab not started"
    fi
    wait_ready
    ;;
stop)
    lab="$(cd "$lab" 2>/dev/null && pwd)" || exit 0
    for name in "${INSTANCES[@]}"; do stop_instance "$lab/$name"; done
    ;;
status)
    rc=0
    for name in "${INSTANCES[@]}"; do
        if postfix -c "$lab/$name/etc" status >/dev/null 2>&1; then
            echo "$name ${ADDR[$name]} running"
        else
            echo "$name ${ADDR[$name]} not running"; rc=1
        fi
    done
    exit $rc
    ;;
*) die "unknown command '$cmd'" ;;
esac
