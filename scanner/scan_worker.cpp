// Glue between the protocol-agnostic engine and the SMTP probe: the record
// is pushed here, on the worker thread, so the engine never sees it.
#include "scanner/scan_worker.hpp"

#include "tls/client_context.hpp"

namespace smtpsweep::scanner {

scan_worker::scan_worker(unsigned index, const probe_options& opts,
                         const tls::trust_store& trust, core::writer<record>& out)
    : index_(index),
      // asio's context takes ownership of the native handle.
      ssl_ctx_(tls::make_client_context().release()),
      ctx_{ssl_ctx_, trust, opts},
      out_(out) {}

core::awaitable<std::size_t> scan_worker::probe(targets::target t) {
    record r = co_await scanner::probe(t, ctx_);
    const auto status_index = static_cast<std::size_t>(r.status);
    co_await out_.push(index_, std::move(r));
    co_return status_index;
}

}  // namespace smtpsweep::scanner
