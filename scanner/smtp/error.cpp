// The "smtp" error category: names for smtp::error values in log and record text.
#include "scanner/smtp/error.hpp"

#include <string>

namespace smtpsweep::scanner::smtp {
namespace {

class category final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "smtp"; }

    std::string message(int ev) const override {
        switch (static_cast<error>(ev)) {
        case error::bad_reply: return "bad reply";
        case error::line_too_long: return "reply line too long";
        case error::reply_too_long: return "reply too long";
        case error::unexpected_code: return "unexpected reply code";
        case error::plaintext_injection: return "plaintext injection after STARTTLS";
        case error::code_mismatch: return "reply code changes within a multi-line reply";
        }
        return "unknown smtp error";
    }
};

}  // namespace

const boost::system::error_category& error_category() noexcept {
    static const category instance;
    return instance;
}

boost::system::error_code make_error_code(error e) noexcept {
    return {static_cast<int>(e), error_category()};
}

}  // namespace smtpsweep::scanner::smtp
