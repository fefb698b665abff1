// NDJSON sink (see ndjson_sink.hpp).
#include "scanner/output/ndjson_sink.hpp"

#include "scanner/output/record_json.hpp"

namespace smtpsweep::scanner::output {

ndjson_sink::ndjson_sink(std::string path, open_mode mode) : file_(std::move(path), mode) {}

void ndjson_sink::write(std::span<const record> batch) {
    buffer_.clear();
    for (const record& r : batch) {
        append_record_json(buffer_, r);
        buffer_ += '\n';
    }
    file_.write(buffer_);
}

void ndjson_sink::flush() { file_.flush(); }

}  // namespace smtpsweep::scanner::output
