// The scanner's worker_probe: what one engine worker owns (its SSL context,
// built once) and how a probed target's record reaches the writer.
#pragma once

#include <boost/asio/io_context.hpp>

#include "core/engine.hpp"
#include "core/writer.hpp"
#include "scanner/live/finding_counters.hpp"
#include "scanner/probe.hpp"
#include "scanner/record.hpp"

namespace smtpsweep::scanner {

/// One per worker thread: probes targets and pushes their records.
class scan_worker final : public core::worker_probe {
public:
    /// Builds the worker's SSL context; everything borrowed must outlive the run.
    /// `findings` (optional) counts each record's findings for the live view.
    scan_worker(unsigned index, const probe_options& opts, const tls::trust_store& trust,
                core::writer<record>& out, live::finding_counters* findings = nullptr);

    /// Probes `t`, queues its record (waiting while the writer is behind),
    /// returns the status index for the engine's counters.
    core::awaitable<std::size_t> probe(targets::target t) override;
    /// probe(t), and the pushed record carries its position (step >= 1) so the
    /// writer can checkpoint what is durable; step 0 = untracked.
    core::awaitable<std::size_t> probe_at(targets::target t, std::uint64_t step) override;

private:
    unsigned index_;
    ssl::context ssl_ctx_;
    probe_context ctx_;
    core::writer<record>& out_;
    live::finding_counters* findings_;
    core::in_flight_steps in_flight_;  // this worker's probes not yet pushed
};

}  // namespace smtpsweep::scanner
