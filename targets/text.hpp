// Small string_view helpers shared by the line parsers: whitespace trimming,
// comment stripping and whitespace splitting. Header-only and allocation-free
// except for split.
#pragma once

#include <string_view>
#include <vector>

namespace smtpsweep::targets {

/// True for space, tab, CR, LF, VT and FF.
constexpr bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/// text without leading and trailing whitespace.
constexpr std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

/// text up to the first '#', trimmed: what is left of a line with a comment.
constexpr std::string_view strip_comment(std::string_view text) noexcept {
    return trim(text.substr(0, text.find('#')));
}

/// The whitespace-separated words of text.
inline std::vector<std::string_view> split_words(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_space(text[i])) ++i;
        std::size_t start = i;
        while (i < text.size() && !is_space(text[i])) ++i;
        if (i > start) words.push_back(text.substr(start, i - start));
    }
    return words;
}

}  // namespace smtpsweep::targets
