// Glue between the protocol-agnostic engine and the SMTP probe: the record
// is pushed here, on the worker thread, so the engine never sees it.
#include "scanner/scan_worker.hpp"

#include "tls/client_context.hpp"

namespace smtpsweep::scanner {

scan_worker::scan_worker(unsigned index, const probe_options& opts,
                         const tls::trust_store& trust, core::writer<record>& out,
                         live::finding_counters* findings)
    : index_(index),
      // asio's context takes ownership of the native handle.
      ssl_ctx_(tls::make_client_context().release()),
      ctx_{ssl_ctx_, trust, opts},
      out_(out),
      findings_(findings) {}

core::awaitable<std::size_t> scan_worker::probe(targets::target t) {
    co_return co_await probe_at(t, 0);
}

core::awaitable<std::size_t> scan_worker::probe_at(targets::target t, std::uint64_t step) {
    // Registered before the first suspension, so steps enter in cursor order.
    if (step) in_flight_.start(step);
    // Finished only after the push: a later record must not claim this step.
    struct finish_guard {
        core::in_flight_steps& steps;
        std::uint64_t step;
        ~finish_guard() {
            if (step) steps.finish(step);
        }
    } guard{in_flight_, step};
    record r = co_await scanner::probe(t, ctx_);
    const auto status_index = static_cast<std::size_t>(r.status);
    const core::position_token at{step, step ? in_flight_.low() : 0};
    if (findings_) findings_->count(index_, r.findings);
    co_await out_.push(index_, std::move(r), at);
    co_return status_index;
}

}  // namespace smtpsweep::scanner
