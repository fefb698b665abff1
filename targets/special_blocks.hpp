// The spec's default exclusion: special-purpose blocks (IANA registry,
// RFC 6890 and later) are dropped from any target wider than them, while a
// target lying entirely inside one block was named on purpose and is kept as
// named (an internal sweep of 10.1.0.0/16 just works). --exclude is separate
// and always applies; see plan.cpp.
#pragma once

#include <span>
#include <vector>

#include "targets/interval_set.hpp"
#include "targets/ip_range.hpp"

namespace smtpsweep::targets {

/// The special-purpose blocks of shared/spec/interface.md, ascending.
std::span<const ip_range> special_blocks() noexcept;

/// The same blocks as one merged interval set.
const interval_set& special_block_set();

/// What of target r is scanned by default: r if one block covers it, else r minus all blocks.
std::vector<ip_range> apply_default_exclusion(ip_range r);

}  // namespace smtpsweep::targets
