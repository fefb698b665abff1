// An OpenSSL BIO on a socket fd that never raises SIGPIPE and never blocks:
// send(MSG_NOSIGNAL | MSG_DONTWAIT) and recv(MSG_DONTWAIT). OpenSSL's own
// socket BIO uses plain write(), so a peer that resets the connection while
// we write (thousands of TLS probes, a loaded server) kills the process with
// SIGPIPE; ignoring the signal process-wide would change how the scanner's
// output pipes behave. Everything else (ctrl, EOF flag, fd get/set) is
// OpenSSL's socket BIO; only read and write are replaced.
#pragma once

#include <openssl/bio.h>

namespace smtpsweep::core {

/// A new BIO on `fd` (not owned: BIO_NOCLOSE); nullptr when out of memory.
BIO* new_socket_bio(int fd);

}  // namespace smtpsweep::core
