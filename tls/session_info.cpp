// inspect() and the two negotiated-parameter rules. inspect reads only what
// OpenSSL already parsed during the handshake; the chain is the one the
// server sent (SSL_get_peer_cert_chain includes the leaf on the client side),
// bounded to max_chain_certs.
#include "tls/session_info.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "tls/openssl.hpp"

namespace smtpsweep::tls {
namespace {

std::vector<certificate_info> describe_chain(SSL* ssl) {
    std::vector<certificate_info> chain;
    STACK_OF(X509)* sk = ::SSL_get_peer_cert_chain(ssl);
    int n = sk != nullptr ? sk_X509_num(sk) : 0;
    for (int i = 0; i < n && chain.size() < max_chain_certs; ++i) {
        chain.push_back(describe(sk_X509_value(sk, i)));
    }
    if (chain.empty()) {
        if (X509* leaf = ::SSL_get0_peer_certificate(ssl)) chain.push_back(describe(leaf));
    }
    return chain;
}

bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

// One '-' or '_' separated token of a cipher name.
bool weak_token(std::string_view t) {
    static constexpr std::array<std::string_view, 6> exact = {"NULL", "RC4",  "DES",
                                                              "3DES", "CBC3", "DES40"};
    if (std::any_of(exact.begin(), exact.end(), [&](auto w) { return iequals(t, w); })) {
        return true;
    }
    // EXP, EXPORT, EXP1024, EXPORT1024: all export-grade.
    return t.size() >= 3 && iequals(t.substr(0, 3), "EXP");
}

}  // namespace

session_info inspect(SSL* ssl) {
    session_info info;
    if (ssl == nullptr) return info;
    ::ERR_clear_error();
    info.version = ::SSL_get_version(ssl);
    if (const SSL_CIPHER* c = ::SSL_get_current_cipher(ssl)) {
        info.cipher = ::SSL_CIPHER_get_name(c);
        info.cipher_bits = ::SSL_CIPHER_get_bits(c, nullptr);
    }
    info.chain = describe_chain(ssl);
    return info;
}

bool deprecated_version(std::string_view version) {
    return version == "SSLv2" || version == "SSLv3" || version == "TLSv1" ||
           version == "TLSv1.1";
}

bool weak_cipher(std::string_view cipher, int bits) {
    if (bits < 128) return true;
    std::size_t start = 0;
    while (start <= cipher.size()) {
        std::size_t end = cipher.find_first_of("-_", start);
        if (end == std::string_view::npos) end = cipher.size();
        if (weak_token(cipher.substr(start, end - start))) return true;
        start = end + 1;
    }
    return false;
}

}  // namespace smtpsweep::tls
