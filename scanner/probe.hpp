// The per-target probe: one coroutine that connects, speaks SMTP (with
// STARTTLS, or implicit TLS on 465), judges the TLS session and returns the
// target's one record. Network outcomes never throw; they are record values.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/net.hpp"
#include "scanner/record.hpp"
#include "targets/target.hpp"
#include "tls/trust_store.hpp"

namespace smtpsweep::scanner {

/// Probe settings from the command line.
struct probe_options {
    std::chrono::milliseconds connect_timeout{5000};  ///< TCP connect deadline
    std::chrono::milliseconds timeout{15000};         ///< whole-probe deadline
    std::string ehlo_name{"smtpsweep.invalid"};      ///< name sent in EHLO/HELO
    bool relay_check = false;                         ///< run the open-relay test
    std::uint16_t implicit_tls_port = 465;            ///< port spoken with implicit TLS (RFC 8314)
};

/// What a probe borrows from its worker; all must outlive every probe.
struct probe_context {
    ssl::context& ssl_ctx;           ///< the worker's permissive client context
    const tls::trust_store& trust;   ///< trust anchors for tls.verify
    const probe_options& opts;
};

/// Probes `t` to the end of its dialogue or its deadline; always returns the
/// record (status, phase, error, timings, smtp/tls parts reached, findings).
core::awaitable<record> probe(targets::target t, probe_context& ctx);

}  // namespace smtpsweep::scanner
