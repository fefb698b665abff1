// See stats_board.hpp.
#include "scanner/live/stats_board.hpp"

namespace smtpsweep::scanner::live {

void stats_board::publish(live_stats s) {
    std::lock_guard lock{mutex_};
    stats_ = std::move(s);
}

live_stats stats_board::current() const {
    std::lock_guard lock{mutex_};
    return stats_;
}

}  // namespace smtpsweep::scanner::live
