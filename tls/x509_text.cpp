// Text conversions for describe(): names via X509_NAME_print_ex in RFC 2253
// form, ASN.1 times to ISO 8601, SHA-256 fingerprints, SAN lists. Output is
// always printable ASCII: peers control these bytes and records are JSON/CSV.
#include "tls/x509_text.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstdio>

#include <openssl/asn1.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include "tls/openssl.hpp"

namespace smtpsweep::tls::detail {

std::string escape_bytes(const unsigned char* bytes, std::size_t len) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(len);
    for (std::size_t i = 0; i < len; ++i) {
        unsigned char c = bytes[i];
        if (c >= 0x20 && c < 0x7f) {
            out.push_back(static_cast<char>(c));
        } else {
            out += {'\\', hex[c >> 4], hex[c & 0xf]};
        }
    }
    return out;
}

std::string name_text(const X509_NAME* name, std::size_t max_chars) {
    if (name == nullptr) return {};
    bio_ptr bio{::BIO_new(::BIO_s_mem())};
    if (!bio) return {};
    // XN_FLAG_RFC2253 already escapes control and high-bit bytes as \XX;
    // escape_bytes below is the belt to that pair of braces.
    if (::X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0) return {};
    char* data = nullptr;
    long n = BIO_get_mem_data(bio.get(), &data);
    if (n <= 0 || data == nullptr) return {};
    auto len = static_cast<std::size_t>(n);
    std::string out = escape_bytes(reinterpret_cast<const unsigned char*>(data), len);
    if (out.size() > max_chars) out.resize(max_chars);
    return out;
}

std::optional<utc_time> time_text(const ASN1_TIME* t) {
    std::tm tm{};
    if (t == nullptr || ::ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
    std::array<char, 32> buf{};
    int n = std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d:%02dZ",
                          tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                          tm.tm_sec);
    if (n <= 0) return std::nullopt;
    return utc_time{std::string(buf.data(), static_cast<std::size_t>(n)), ::timegm(&tm)};
}

std::string sha256_hex(X509* cert) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    if (::X509_digest(cert, ::EVP_sha256(), md.data(), &len) != 1) return {};
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * len);
    for (unsigned int i = 0; i < len; ++i) out += {hex[md[i] >> 4], hex[md[i] & 0xf]};
    return out;
}

std::string ip_text(const unsigned char* bytes, int len) {
    std::array<char, INET6_ADDRSTRLEN> buf{};
    int family = len == 4 ? AF_INET : len == 16 ? AF_INET6 : 0;
    if (family == 0 || ::inet_ntop(family, bytes, buf.data(), buf.size()) == nullptr) return {};
    return buf.data();
}

std::vector<std::string> san_text(X509* cert, std::size_t max_entries, std::size_t max_chars) {
    std::vector<std::string> out;
    general_names_ptr names{static_cast<GENERAL_NAMES*>(
        ::X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr))};
    if (!names) return out;
    int count = sk_GENERAL_NAME_num(names.get());
    for (int i = 0; i < count && out.size() < max_entries; ++i) {
        const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names.get(), i);
        const ASN1_STRING* s = gn->type == GEN_DNS ? gn->d.dNSName
                               : gn->type == GEN_IPADD ? gn->d.iPAddress
                                                       : nullptr;
        if (s == nullptr) continue;
        const unsigned char* data = ::ASN1_STRING_get0_data(s);
        int len = ::ASN1_STRING_length(s);
        if (len <= 0 || static_cast<std::size_t>(len) > max_chars) continue;
        std::string text = gn->type == GEN_DNS ? escape_bytes(data, static_cast<std::size_t>(len))
                                               : ip_text(data, len);
        if (!text.empty()) out.push_back(std::move(text));
    }
    return out;
}

}  // namespace smtpsweep::tls::detail
