# Installation layout and the Debian package. `cmake --install` puts the
# binary (scanner/CMakeLists.txt), the man page, bash and zsh completion and
# the documentation where Debian tools look for them, so the same rules serve
# a source install and CPack's .deb. Dependencies of the .deb are computed by
# dpkg-shlibdeps from the binary itself rather than listed by hand, so they
# follow whatever Boost/OpenSSL/SQLite sonames the build really linked.
include(GNUInstallDirs)

set(SMTPSWEEP_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/smtpsweep)

install(FILES ${PROJECT_SOURCE_DIR}/docs/smtpsweep.1
  DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/scripts/completion/smtpsweep.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
  RENAME smtpsweep)
install(FILES ${PROJECT_SOURCE_DIR}/scripts/completion/_smtpsweep
  DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
# README.md may not exist in every checkout; OPTIONAL keeps install working.
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/DEVELOPERS.md
  DESTINATION ${SMTPSWEEP_DOC_DIR} OPTIONAL)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/
  DESTINATION ${SMTPSWEEP_DOC_DIR}
  FILES_MATCHING PATTERN "*.md" PATTERN "*.json")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scripts/deploy
  DESTINATION ${SMTPSWEEP_DOC_DIR}/examples
  USE_SOURCE_PERMISSIONS)

set(CPACK_PACKAGE_NAME smtpsweep)
set(CPACK_PACKAGE_VENDOR "smtpsweep developers")
set(CPACK_PACKAGE_CONTACT "smtpsweep developers <smtpsweep@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "high-speed scanner of SMTP servers' transport security")
set(CPACK_PACKAGE_DESCRIPTION
  "smtpsweep probes SMTP servers on ports 25 and 587 (STARTTLS) and 465
(implicit TLS) at high concurrency and writes one record per (ip, port):
banner, EHLO capabilities, STARTTLS outcome, TLS version and cipher,
certificate chain and verification, and security findings, as NDJSON, CSV
or SQLite. It reads ZMap and masscan output and renders HTML reports.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_HOMEPAGE_URL "https://example.org/smtpsweep")
set(CPACK_PACKAGE_INSTALL_DIRECTORY smtpsweep)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_PACKAGE_MAINTAINER "smtpsweep developers <smtpsweep@example.org>")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ca-certificates")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "zmap, masscan")
set(CPACK_GENERATOR DEB)

include(CPack)
