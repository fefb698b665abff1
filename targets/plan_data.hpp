// The immutable data behind a plan and its cursors (internal to the module,
// shared by plan.cpp and cursor.cpp). The target space is laid out as
//   index < grid:  address at(index % addresses), port[index / addresses]
//   index >= grid: pairs[index - grid]   (explicit ip,port lines)
// so the same address's ports are `addresses` indexes apart and the
// permutation scatters them in time, as it scatters neighbouring networks.
#pragma once

#include <cstdint>
#include <vector>

#include "targets/interval_set.hpp"
#include "targets/permutation.hpp"
#include "targets/target.hpp"

namespace smtpsweep::targets::detail {

/// Everything a cursor needs; built once by plan::build.
struct plan_data {
    interval_set addresses;            ///< addresses probed on every port
    std::vector<std::uint16_t> ports;  ///< sorted -p ports
    std::vector<target> pairs;         ///< extra explicit (ip, port), sorted, not in the grid
    std::uint64_t grid = 0;            ///< addresses.count() * ports.size()
    permutation perm;                  ///< cycle over [0, grid + pairs.size())
    std::uint64_t seed = 0;            ///< from the spec
    std::uint32_t shards = 1;          ///< from the spec
    std::uint32_t shard = 0;           ///< from the spec

    /// The target at dense index i < perm.size().
    target at(std::uint64_t i) const noexcept {
        if (i >= grid) return pairs[i - grid];
        const std::uint64_t count = addresses.count();
        const std::uint64_t port = i / count;
        return {addresses.at(i - port * count), ports[port]};
    }
};

}  // namespace smtpsweep::targets::detail
