// Runs one scanner::probe against a fake server on the caller's io_context
// and returns its record, checking the probe's promise on the way: it never
// throws and it yields exactly one record. Shared by the probe tests.
#pragma once

#include <cstdint>
#include <exception>
#include <utility>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "scanner/probe.hpp"
#include "tests/support/fake_smtp_server.hpp"

namespace smtpsweep::test {

/// Probes 127.0.0.1:`port` with `ctx`, stops `server` when the probe ends.
inline scanner::record run_probe(boost::asio::io_context& ioc, fake_smtp_server& server,
                                 scanner::probe_context& ctx, std::uint16_t port) {
    std::vector<scanner::record> out;
    boost::asio::co_spawn(ioc, scanner::probe({0x7f000001, port}, ctx),
                          [&](std::exception_ptr e, scanner::record r) {
                              REQUIRE_FALSE(e);
                              out.push_back(std::move(r));
                              server.stop();
                          });
    ioc.run();
    REQUIRE(out.size() == 1);
    INFO("error: " << out[0].error.value_or("-"));
    return std::move(out[0]);
}

}  // namespace smtpsweep::test
