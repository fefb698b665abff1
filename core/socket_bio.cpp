// See core/socket_bio.hpp. Retry and EOF signalling follow OpenSSL's
// crypto/bio/bss_sock.c: EAGAIN/EINTR set the retry flag; a read of 0 sets
// BIO_FLAGS_IN_EOF, which is how OpenSSL 3 tells an unexpected EOF
// (SSL_R_UNEXPECTED_EOF_WHILE_READING) from a transient failure.
#include "core/socket_bio.hpp"

#include <cerrno>

#include <sys/socket.h>

namespace smtpsweep::core {
namespace {

bool transient(int err) noexcept { return err == EAGAIN || err == EWOULDBLOCK || err == EINTR; }

int write_fn(BIO* b, const char* data, int len) {
    BIO_clear_retry_flags(b);
    const auto n = ::send(BIO_get_fd(b, nullptr), data, static_cast<std::size_t>(len),
                          MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && transient(errno)) BIO_set_retry_write(b);
    return static_cast<int>(n);
}

int read_fn(BIO* b, char* data, int len) {
    if (data == nullptr) return 0;
    BIO_clear_retry_flags(b);
    const auto n = ::recv(BIO_get_fd(b, nullptr), data, static_cast<std::size_t>(len), MSG_DONTWAIT);
    if (n == 0) BIO_set_flags(b, BIO_FLAGS_IN_EOF);
    if (n < 0 && transient(errno)) BIO_set_retry_read(b);
    return static_cast<int>(n);
}

int puts_fn(BIO* b, const char* s) {
    int len = 0;
    while (s[len] != '\0') ++len;
    return write_fn(b, s, len);
}

BIO_METHOD* make_method() {
    const BIO_METHOD* base = ::BIO_s_socket();
    BIO_METHOD* m = ::BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK | BIO_TYPE_DESCRIPTOR,
                                   "smtpsweep nosignal socket");
    if (!m) return nullptr;
    ::BIO_meth_set_write(m, write_fn);
    ::BIO_meth_set_read(m, read_fn);
    ::BIO_meth_set_puts(m, puts_fn);
    ::BIO_meth_set_ctrl(m, ::BIO_meth_get_ctrl(base));
    ::BIO_meth_set_create(m, ::BIO_meth_get_create(base));
    ::BIO_meth_set_destroy(m, ::BIO_meth_get_destroy(base));
    return m;
}

}  // namespace

BIO* new_socket_bio(int fd) {
    static BIO_METHOD* const method = make_method();  // lives for the process
    if (!method) return nullptr;
    BIO* b = ::BIO_new(method);
    if (b) BIO_set_fd(b, fd, BIO_NOCLOSE);
    return b;
}

}  // namespace smtpsweep::core
