// Banner reading: host names and the software table, one row per product.
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "scanner/smtp/banner.hpp"

namespace smtp = smtpsweep::scanner::smtp;
using opt = std::optional<std::string>;

TEST_CASE("the host name is the first token when it looks like a name or address",
          "[scanner][banner]") {
    auto [text, expected] = GENERATE(table<std::string, opt>({
        {"mx1.lab.test ESMTP Postfix (Debian/GNU)", "mx1.lab.test"},
        {"MX1.Example.COM. Microsoft ESMTP MAIL Service ready", "MX1.Example.COM"},
        {"[198.18.0.7] ESMTP", "[198.18.0.7]"},
        {"198.18.0.7 ESMTP ready", "198.18.0.7"},
        {"ESMTP Postfix", std::nullopt},
        {"localhost ESMTP", std::nullopt},
        {"Service ready", std::nullopt},
        {"", std::nullopt},
        {"bad..name ESMTP", std::nullopt},
        {"mail-1.ex_ample.test ESMTP", "mail-1.ex_ample.test"},
        {"[IPv6:2001:db8::7] ESMTP", "[IPv6:2001:db8::7]"},
        {std::string("[\0\r\x01.x] ESMTP", 13), std::nullopt},
        {"[mx1.lab.test] ESMTP", std::nullopt},
        {"[IPv6:zz] ESMTP", std::nullopt},
    }));
    INFO(text);
    CHECK(smtp::hostname_from(text) == expected);
}

TEST_CASE("only dns names are used for sni", "[scanner][banner]") {
    CHECK(smtp::is_dns_name("mx1.lab.test"));
    CHECK_FALSE(smtp::is_dns_name("198.18.0.7"));
    CHECK_FALSE(smtp::is_dns_name("[198.18.0.7]"));
    CHECK_FALSE(smtp::is_dns_name("localhost"));
    CHECK_FALSE(smtp::is_dns_name(std::string(64, 'a') + ".test"));
}

TEST_CASE("software products and versions are recognised from banners", "[scanner][banner]") {
    auto [text, product, version] = GENERATE(table<std::string, std::string, opt>({
        {"mx1.lab.test ESMTP Postfix (Debian/GNU)", "Postfix", std::nullopt},
        {"mail.example.org ESMTP Postfix (Ubuntu)", "Postfix", std::nullopt},
        {"mx.example.org ESMTP Postfix 3.5.6", "Postfix", "3.5.6"},
        {"mx.example.org ESMTP Exim 4.94.2 Fri, 04 Dec 2026 15:30:00 +0000", "Exim", "4.94.2"},
        {"server.example.com ESMTP Exim 4.96 #2 Fri, 04 Dec 2026", "Exim", "4.96"},
        {"host.example.com ESMTP Sendmail 8.15.2/8.15.2; Fri, 4 Dec 2026", "Sendmail", "8.15.2"},
        {"host.example.com ESMTP Sendmail 8.14.4/8.14.4/Submit; Fri", "Sendmail", "8.14.4"},
        {"EX01.corp.example Microsoft ESMTP MAIL Service ready at Fri, 4 Dec 2026",
         "Microsoft Exchange", std::nullopt},
        {"smtp.example.com Microsoft ESMTP MAIL Service, Version: 10.0.17763.1 ready at Fri",
         "Microsoft Exchange", "10.0.17763.1"},
        {"mx.example.net ESMTP OpenSMTPD", "OpenSMTPD", std::nullopt},
        {"mx.example.net ESMTP Haraka 2.8.25 ready", "Haraka", "2.8.25"},
        {"mx.example.net ESMTP Haraka/3.0.2 ready", "Haraka", "3.0.2"},
        {"mail.example.net ESMTP qmail 1.03", "qmail", "1.03"},
        {"mail.example.net ESMTP netqmail", "qmail", std::nullopt},
        {"zm.example.net ESMTP Zimbra 8.8.15 Postfix", "Zimbra", "8.8.15"},
        {"mail.example.net ESMTP MailEnable Service, Version: 10.25-- ready at 12/04/26",
         "MailEnable", "10.25"},
        {"mail.example.net ESMTP hMailServer", "hMailServer", std::nullopt},
        {"mail.example.net ESMTP IceWarp 12.1.1.0; Fri, 04 Dec 2026", "IceWarp", "12.1.1.0"},
        {"mail.example.net Kerio Connect 9.2.5 patch 1 ESMTP ready", "Kerio Connect", "9.2.5"},
        {"mail.example.net ESMTP Courier", "Courier", std::nullopt},
        {"mail.example.net ESMTP MDaemon 21.0.2; Fri, 04 Dec 2026", "MDaemon", "21.0.2"},
        {"postfix.example.com ESMTP Exim 4.92", "Exim", "4.92"},
    }));
    INFO(text);
    const auto sw = smtp::software_from(text);
    REQUIRE(sw);
    CHECK(sw->product == product);
    CHECK(sw->version == version);
}

TEST_CASE("banners that name no known product give no software", "[scanner][banner]") {
    auto text = GENERATE(std::string("mx.example.net ESMTP ready"), std::string("ESMTP"),
                         std::string("exim.example.net ESMTP service"), std::string(""));
    INFO(text);
    CHECK_FALSE(smtp::software_from(text));
}
