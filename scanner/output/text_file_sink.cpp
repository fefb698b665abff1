// Text file sink base (see text_file_sink.hpp).
#include "scanner/output/text_file_sink.hpp"

namespace smtpsweep::scanner::output {

void text_file_sink::write(std::span<const record> batch) {
    buffer_.clear();
    for (const record& r : batch) append_record(buffer_, r);
    file_.write(buffer_);
}

}  // namespace smtpsweep::scanner::output
