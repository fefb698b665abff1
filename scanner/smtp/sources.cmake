# scanner/smtp and the probe around it (paths relative to scanner/).
set(SMTPSWEEP_SMTP_SOURCES
  smtp/error.cpp
  smtp/reply_parser.cpp
  smtp/reply_reader.cpp
  smtp/banner.cpp
  smtp/software_match.cpp
  smtp/ehlo.cpp
  smtp/dialogue.cpp
  classify.cpp
  findings.cpp
  probe.cpp
)
