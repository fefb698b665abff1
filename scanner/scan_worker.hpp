// The scanner's worker_probe: what one engine worker owns (its SSL context,
// built once) and how a probed target's record reaches the writer.
#pragma once

#include <boost/asio/io_context.hpp>

#include "core/engine.hpp"
#include "core/writer.hpp"
#include "scanner/probe.hpp"
#include "scanner/record.hpp"

namespace smtpsweep::scanner {

/// One per worker thread: probes targets and pushes their records.
class scan_worker final : public core::worker_probe {
public:
    /// Builds the worker's SSL context; everything borrowed must outlive the run.
    scan_worker(unsigned index, const probe_options& opts, const tls::trust_store& trust,
                core::writer<record>& out);

    /// Probes `t`, queues its record (waiting while the writer is behind),
    /// returns the status index for the engine's counters.
    core::awaitable<std::size_t> probe(targets::target t) override;

private:
    unsigned index_;
    ssl::context ssl_ctx_;
    probe_context ctx_;
    core::writer<record>& out_;
};

}  // namespace smtpsweep::scanner
