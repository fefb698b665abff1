// NDJSON sink (see ndjson_sink.hpp).
#include "scanner/output/ndjson_sink.hpp"

#include "scanner/output/record_json.hpp"

namespace smtpsweep::scanner::output {

void ndjson_sink::append_record(std::string& out, const record& r) const {
    append_record_json(out, r);
    out += '\n';
}

}  // namespace smtpsweep::scanner::output
