// Where the writer thread puts batches of records. Implementations (NDJSON,
// CSV, SQLite, ...) live with the record type in scanner/output; core only
// moves batches. Called from the single writer thread, never concurrently.
#pragma once

#include <span>

namespace smtpsweep::core {

/// A destination for records, written in batches by one thread.
template <class Record>
class sink {
public:
    virtual ~sink() = default;
    /// Writes a batch; throws std::runtime_error (with a clear message) when the
    /// destination fails (disk full, unwritable), which stops the scan.
    virtual void write(std::span<const Record> batch) = 0;
    /// Makes everything written so far durable/visible (fflush, COMMIT).
    virtual void flush() = 0;
};

}  // namespace smtpsweep::core
