// The hand-written product matcher: the corners of the regex semantics it
// replaced (word boundaries, case, alternatives, version shapes). The
// per-product rows live in banner_test.cpp.
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "scanner/smtp/software_match.hpp"

namespace smtp = smtpsweep::scanner::smtp;
using opt = std::optional<std::string>;

TEST_CASE("products match whole words in any case with their version shapes",
          "[scanner][banner]") {
    auto [text, product, version] = GENERATE(table<std::string, std::string, opt>({
        {"ESMTP postfix (3.7.11)", "Postfix", "3.7.11"},
        {"ESMTP POSTFIX 3", "Postfix", std::nullopt},
        {"ESMTP Postfix 3.7.", "Postfix", "3.7"},
        {"xPostfix here; Exim 4.96", "Exim", "4.96"},
        {"Kerio MailServer 6.7.3 ESMTP", "Kerio Connect", "6.7.3"},
        {"ESMTP Courier-MTA 1.1.8", "Courier", "1.1.8"},
        {"ESMTP Courier-MTAx 1.1", "Courier", std::nullopt},
        {"Lotus Domino Release 9.0.1FP8 ready", "Lotus Domino", "9.0.1FP8"},
        {"ESMTP qmail-1.03", "qmail", "1.03"},
        {"Microsoft ESMTP MAIL Service, version: 6.0.3790.4675", "Microsoft Exchange",
         "6.0.3790.4675"},
        {"MailEnable Service, build 5, Version: 1.2", "MailEnable", std::nullopt},
        {"Zimbra/9.0.0 ready", "Zimbra", "9.0.0"},
        {"ESMTP Sendmail 8.15.2/8.15.2", "Sendmail", "8.15.2"},
    }));
    INFO(text);
    const auto sw = smtp::match_software(text);
    REQUIRE(sw);
    CHECK(sw->product == product);
    CHECK(sw->version == version);
}

TEST_CASE("a product name inside a longer word is no match", "[scanner][banner]") {
    auto text = GENERATE(std::string("Postfixed ESMTP"), std::string("myexim ESMTP"),
                         std::string("qmailer"), std::string("Sendmail_x"), std::string(""));
    INFO(text);
    CHECK_FALSE(smtp::match_software(text));
}

TEST_CASE("dotted quads are four groups of one to three digits", "[scanner][banner]") {
    CHECK(smtp::is_dotted_quad("198.18.0.7"));
    CHECK(smtp::is_dotted_quad("999.0.0.1"));
    CHECK_FALSE(smtp::is_dotted_quad("1.2.3"));
    CHECK_FALSE(smtp::is_dotted_quad("1.2.3.4.5"));
    CHECK_FALSE(smtp::is_dotted_quad("1.2.3.1000"));
    CHECK_FALSE(smtp::is_dotted_quad("1..3.4"));
    CHECK_FALSE(smtp::is_dotted_quad("1.2.3.4 "));
    CHECK_FALSE(smtp::is_dotted_quad(""));
}
