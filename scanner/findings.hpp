// Security findings: a pure function of the finished record (spec table
// "findings"), so the rules are table-tested without any network.
#pragma once

#include <ctime>
#include <vector>

#include "scanner/record.hpp"

namespace smtpsweep::scanner {

/// The findings `r` warrants at time `now`: each id at most once, in enum order.
std::vector<finding> findings(const record& r, std::time_t now);

}  // namespace smtpsweep::scanner
