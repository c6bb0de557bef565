//! `list`: what was signed.

use anyhow::Result;

use crate::context::Home;

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let head: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{head}…")
    }
}

/// Prints the issue log as a table or JSON.
pub fn run(home: &Home, json: bool) -> Result<()> {
    let records = home.log()?.all()?;
    if json {
        println!("{}", serde_json::to_string_pretty(&records)?);
        return Ok(());
    }
    if records.is_empty() {
        println!("Nothing signed yet.");
        return Ok(());
    }
    println!(
        "{:<45}  {:<6}  {:<40}  {:<6}  {:<10}  REVOKED",
        "ID", "KIND", "TO", "ROLE", "DATE"
    );
    for r in &records {
        let to = match &r.subject_name {
            Some(n) => format!("{n} ({})", r.subject_did),
            None => r.subject_did.clone(),
        };
        println!(
            "{:<45}  {:<6}  {:<40}  {:<6}  {:<10}  {}",
            r.id,
            r.kind,
            short(&to, 40),
            r.role.as_deref().unwrap_or("-"),
            r.issued_at.get(..10).unwrap_or(&r.issued_at),
            match (r.revoked, r.status_index) {
                (true, _) => "yes",
                (false, Some(_)) => "no",
                (false, None) => "no (not revocable)",
            }
        );
    }
    let revoked = records.iter().filter(|r| r.revoked).count();
    println!("\n{} signed, {revoked} revoked.", records.len());
    Ok(())
}
