// RFC 6125 server identity checks, written out rather than delegated to
// X509_check_host so the rules are exactly the ones the spec states and the
// tests table: dNSName SANs first, the subject CN only when the certificate
// has no dNSName SAN, a wildcard only as the entire left-most label followed
// by at least two labels, case-insensitive, one trailing dot ignored. IP
// literals match iPAddress SANs only (RFC 6125 6.2.1; never the CN).
#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <optional>

#include <openssl/err.h>

#include "tls/openssl.hpp"
#include "tls/verify.hpp"

namespace smtpsweep::tls {
namespace {

std::string_view strip_dot(std::string_view s) {
    if (!s.empty() && s.back() == '.') s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

// Non-empty labels of printable ASCII without '*' (no NUL tricks).
bool plain_dns(std::string_view s) {
    if (s.empty() || s.front() == '.' || s.find("..") != std::string_view::npos) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7f && c != '*';
    });
}

// The address bytes of an IP-literal hostname, if it is one.
struct ip_bytes {
    std::array<unsigned char, 16> b{};
    int len = 0;
};
std::optional<ip_bytes> parse_ip(std::string_view host) {
    bool bracketed = host.size() >= 2 && host.front() == '[' && host.back() == ']';
    if (bracketed) host = host.substr(1, host.size() - 2);
    if (bracketed && host.size() > 5 && iequals(host.substr(0, 5), "IPv6:")) host.remove_prefix(5);
    std::string text(host);
    ip_bytes ip;
    if (::inet_pton(AF_INET, text.c_str(), ip.b.data()) == 1) {
        ip.len = 4;
    } else if (::inet_pton(AF_INET6, text.c_str(), ip.b.data()) == 1) {
        ip.len = 16;
    } else {
        return std::nullopt;
    }
    return ip;
}

std::string_view as_view(const ASN1_STRING* s) {
    int len = ::ASN1_STRING_length(s);
    return {reinterpret_cast<const char*>(::ASN1_STRING_get0_data(s)),
            len > 0 ? static_cast<std::size_t>(len) : 0};
}

// Matches the SANs; nullopt when the certificate has no SAN of that kind.
std::optional<bool> match_sans(X509* leaf, std::string_view host, const ip_bytes* ip) {
    general_names_ptr names{static_cast<GENERAL_NAMES*>(
        ::X509_get_ext_d2i(leaf, NID_subject_alt_name, nullptr, nullptr))};
    if (!names) return std::nullopt;
    bool seen = false;
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names.get(), i);
        if (ip != nullptr && gn->type == GEN_IPADD) {
            std::string_view v = as_view(gn->d.iPAddress);
            seen = true;
            bool same = static_cast<int>(v.size()) == ip->len &&
                        std::memcmp(v.data(), ip->b.data(), v.size()) == 0;
            if (same) return true;
        } else if (ip == nullptr && gn->type == GEN_DNS) {
            seen = true;
            if (dns_name_matches(as_view(gn->d.dNSName), host)) return true;
        }
    }
    return seen ? std::optional<bool>{false} : std::nullopt;
}

bool match_common_names(X509* leaf, std::string_view host) {
    X509_NAME* subject = ::X509_get_subject_name(leaf);
    for (int i = -1; (i = ::X509_NAME_get_index_by_NID(subject, NID_commonName, i)) >= 0;) {
        unsigned char* utf8 = nullptr;
        int len = ::ASN1_STRING_to_UTF8(
            &utf8, ::X509_NAME_ENTRY_get_data(::X509_NAME_get_entry(subject, i)));
        if (len < 0) continue;
        std::string_view cn{reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(len)};
        bool ok = dns_name_matches(cn, host);
        ::OPENSSL_free(utf8);
        if (ok) return true;
    }
    return false;
}

}  // namespace

bool dns_name_matches(std::string_view pattern, std::string_view hostname) {
    pattern = strip_dot(pattern);
    hostname = strip_dot(hostname);
    if (!plain_dns(hostname)) return false;
    if (pattern.size() < 2 || pattern.substr(0, 2) != "*.") {
        return plain_dns(pattern) && iequals(pattern, hostname);
    }
    std::string_view rest = pattern.substr(2);
    if (!plain_dns(rest) || rest.find('.') == std::string_view::npos) return false;
    std::size_t dot = hostname.find('.');
    return dot != std::string_view::npos && iequals(hostname.substr(dot + 1), rest);
}

bool name_matches(X509* leaf, std::string_view hostname) {
    if (leaf == nullptr || hostname.empty()) return false;
    ::ERR_clear_error();
    std::optional<ip_bytes> ip = parse_ip(hostname);
    bool bracketed = hostname.front() == '[';
    std::optional<bool> by_san = match_sans(leaf, hostname, ip ? &*ip : nullptr);
    ::ERR_clear_error();
    if (by_san) return *by_san;
    if (ip || bracketed) return false;
    return match_common_names(leaf, hostname);
}

}  // namespace smtpsweep::tls
