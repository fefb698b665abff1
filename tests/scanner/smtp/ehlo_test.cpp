// EHLO capability parsing: greeting excluded, STARTTLS detection, both AUTH forms.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "scanner/smtp/ehlo.hpp"

namespace smtp = smtpsweep::scanner::smtp;
using strings = std::vector<std::string>;

TEST_CASE("capabilities exclude the greeting line and are trimmed", "[scanner][ehlo]") {
    const smtp::reply r{250, {"mx.test Hello [198.18.0.1]", "PIPELINING", " SIZE 10240000 ", "STARTTLS"}};
    CHECK(smtp::capabilities(r) == strings{"PIPELINING", "SIZE 10240000", "STARTTLS"});
    CHECK(smtp::capabilities(smtp::reply{250, {"mx.test"}}).empty());
}

TEST_CASE("capability keywords are matched case-insensitively and whole", "[scanner][ehlo]") {
    auto [caps, keyword, expected] = GENERATE(table<strings, std::string, bool>({
        {{"PIPELINING", "STARTTLS"}, "STARTTLS", true},
        {{"starttls"}, "STARTTLS", true},
        {{"STARTTLSX"}, "STARTTLS", false},
        {{"X-STARTTLS"}, "STARTTLS", false},
        {{}, "STARTTLS", false},
        {{"AUTH=LOGIN"}, "AUTH", true},
    }));
    CHECK(smtp::has_capability(caps, keyword) == expected);
}

TEST_CASE("auth mechanisms come from both auth forms, deduplicated", "[scanner][ehlo]") {
    auto [caps, expected] = GENERATE(table<strings, strings>({
        {{"AUTH PLAIN LOGIN"}, {"PLAIN", "LOGIN"}},
        {{"AUTH=LOGIN"}, {"LOGIN"}},
        {{"AUTH PLAIN LOGIN CRAM-MD5", "AUTH=LOGIN PLAIN"}, {"PLAIN", "LOGIN", "CRAM-MD5"}},
        {{"auth  plain\tlogin "}, {"PLAIN", "LOGIN"}},
        {{"AUTH"}, {}},
        {{"AUTHX PLAIN", "PIPELINING"}, {}},
        {{"SIZE 100", "8BITMIME"}, {}},
    }));
    CHECK(smtp::auth_mechanisms(caps) == expected);
}
