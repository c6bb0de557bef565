//! Letter text from Markdown to safe HTML: raw HTML is shown as text, links
//! other than http(s)/mailto are dropped (their text kept), images become their
//! alt text (no external resources are loaded).

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
}

/// Renders Markdown to HTML that is safe to embed in a page.
pub fn to_safe_html(markdown: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TABLES);
    let mut dropped_link = false;
    let events = Parser::new_ext(markdown, opts).filter_map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => Some(Event::Text(s)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            if safe_url(&dest_url) {
                dropped_link = false;
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            } else {
                dropped_link = true;
                None
            }
        }
        Event::End(TagEnd::Link) => {
            if dropped_link {
                dropped_link = false;
                None
            } else {
                Some(Event::End(TagEnd::Link))
            }
        }
        Event::Start(Tag::Image { .. }) => Some(Event::Text(CowStr::Borrowed("[image: "))),
        Event::End(TagEnd::Image) => Some(Event::Text(CowStr::Borrowed("]"))),
        other => Some(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped_and_scripts_links_dropped() {
        let out = to_safe_html(
            "Hello <script>alert(1)</script> **Ana**\n\n[click](javascript:alert(1)) [ok](https://example.org) ![x](https://t.example/p.png)\n\n<div onclick=x>hi</div>",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<div"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
        assert!(out.contains("click"), "{out}");
        assert!(
            out.contains("<a href=\"https://example.org\">ok</a>"),
            "{out}"
        );
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("<strong>Ana</strong>"), "{out}");
    }
}
