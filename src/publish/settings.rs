//! Where `checkpoint publish` finds the Confluence site and the credentials: the environment
//! first, then the `[confluence]` table of `config.toml` in the config directory
//! (`~/.config/devops-checkpoint/config.toml` on Linux). Never the command line, and nothing of
//! it is written to a checkpoint or printed.
//!
//! | variable | config key | what |
//! |---|---|---|
//! | `CONFLUENCE_URL` | `url` | the site: `https://SITE.atlassian.net` (Cloud) or Data Center's base address with its context path |
//! | `CONFLUENCE_FLAVOUR` | `flavour` | `cloud` or `datacenter`; by default Cloud for `*.atlassian.net`, Data Center otherwise |
//! | `CONFLUENCE_EMAIL` | `email` | Cloud: the account's e-mail address |
//! | `CONFLUENCE_TOKEN` | `token` | Cloud: an API token; Data Center: a personal access token |
//!
//! A token in `config.toml` is refused while other users can read the file (as ssh refuses a
//! key): `chmod 600` it, or give the token in the environment.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::PublishError;
use super::api::{Flavour, Site};
use super::http::base64;

/// The site and how to sign in.
pub struct Settings {
    pub site: Site,
    /// The Authorization header's value. Never shown: see the Debug impl.
    pub(super) authorization: String,
    /// The credentials to check after a 401, by name.
    pub(super) hint: &'static str,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("site", &self.site)
            .field("authorization", &"<redacted>")
            .finish()
    }
}

/// The `[confluence]` table of `config.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    url: Option<String>,
    flavour: Option<String>,
    email: Option<String>,
    token: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct ConfigFile {
    #[serde(default)]
    confluence: Table,
}

/// `config.toml` in the config directory.
pub fn config_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("devops-checkpoint").join("config.toml"))
}

/// Reads the settings from `env` (a variable's value by name) and the config file at `config`,
/// when it exists.
pub fn load(
    env: &dyn Fn(&str) -> Option<String>,
    config: Option<&Path>,
) -> Result<Settings, PublishError> {
    let env = |name: &str| {
        env(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let (file, table) = match config.filter(|p| p.is_file()) {
        Some(path) => (Some(path), read_config(path)?),
        None => (None, Table::default()),
    };
    let from_file = |v: &Option<String>| {
        v.as_ref()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let url = env("CONFLUENCE_URL")
        .or_else(|| from_file(&table.url))
        .ok_or_else(|| {
            PublishError::Setting(
            "no Confluence site: set CONFLUENCE_URL (https://SITE.atlassian.net for Cloud, the \
             base address for Data Center), or `url` under [confluence] in config.toml"
                .to_string(),
        )
        })?;
    let flavour = match env("CONFLUENCE_FLAVOUR").or_else(|| from_file(&table.flavour)) {
        Some(f) => match f.to_lowercase().replace(['-', '_', ' '], "").as_str() {
            "cloud" => Some(Flavour::Cloud),
            "datacenter" | "server" | "dc" => Some(Flavour::DataCenter),
            _ => {
                return Err(PublishError::Setting(format!(
                    "CONFLUENCE_FLAVOUR: `{}` is neither cloud nor datacenter",
                    crate::text::printable(&f)
                )));
            }
        },
        None => None,
    };
    let site = site(&url, flavour)?;
    let token_from_file = from_file(&table.token);
    let token = match env("CONFLUENCE_TOKEN") {
        Some(t) => Some(t),
        None => {
            if let (Some(path), Some(_)) = (file, &token_from_file) {
                check_private(path)?;
            }
            token_from_file
        }
    };
    let Some(token) = token else {
        return Err(PublishError::Setting(match site.flavour {
            Flavour::Cloud => "no credentials: set CONFLUENCE_EMAIL and CONFLUENCE_TOKEN (an API \
                               token from id.atlassian.com › Security › API tokens)"
                .to_string(),
            Flavour::DataCenter => "no credentials: set CONFLUENCE_TOKEN to a personal access \
                                    token (Confluence › Profile › Settings › Personal Access \
                                    Tokens)"
                .to_string(),
        }));
    };
    let email = env("CONFLUENCE_EMAIL").or_else(|| from_file(&table.email));
    let (authorization, hint) = match (site.flavour, email) {
        (Flavour::Cloud, Some(email)) => (
            format!("Basic {}", base64(format!("{email}:{token}").as_bytes())),
            "CONFLUENCE_EMAIL and CONFLUENCE_TOKEN (a Cloud API token, not the password)",
        ),
        (Flavour::Cloud, None) => {
            return Err(PublishError::Setting(
                "Confluence Cloud signs in with an e-mail address and an API token: set \
                 CONFLUENCE_EMAIL too"
                    .to_string(),
            ));
        }
        (Flavour::DataCenter, _) => (
            format!("Bearer {token}"),
            "CONFLUENCE_TOKEN (a Data Center personal access token that has not expired)",
        ),
    };
    if authorization.contains(['\r', '\n']) {
        return Err(PublishError::Setting(
            "CONFLUENCE_TOKEN or CONFLUENCE_EMAIL holds a line break".to_string(),
        ));
    }
    Ok(Settings {
        site,
        authorization,
        hint,
    })
}

/// The site at `url`: https (http only to this machine, where tests run their stand-in), no
/// credentials in it, no query; Cloud for `*.atlassian.net` unless `flavour` says otherwise.
pub fn site(url: &str, flavour: Option<Flavour>) -> Result<Site, PublishError> {
    let bad = |why: &str| {
        PublishError::Setting(format!(
            "CONFLUENCE_URL `{}`: {why}",
            crate::text::printable(url)
        ))
    };
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| bad("give the site's address, starting with https://"))?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() {
        return Err(bad("no host name"));
    }
    if host.contains('@') {
        return Err(bad(
            "holds credentials; give them in CONFLUENCE_EMAIL and CONFLUENCE_TOKEN instead",
        ));
    }
    if rest.contains(['?', '#']) || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("give the site's base address alone, without a query"));
    }
    let name = host.rsplit_once(':').map_or(host, |(h, _)| h);
    let local = matches!(name, "127.0.0.1" | "localhost" | "[::1]");
    if url.starts_with("http://") && !local {
        return Err(bad(
            "http:// would send the token unencrypted; use https://",
        ));
    }
    let flavour = flavour.unwrap_or(if name.ends_with(".atlassian.net") {
        Flavour::Cloud
    } else {
        Flavour::DataCenter
    });
    let mut base = url.trim_end_matches('/').to_string();
    if flavour == Flavour::Cloud
        && let Some(site) = base.strip_suffix("/wiki")
    {
        base = site.to_string();
    }
    Ok(Site { flavour, base })
}

fn read_config(path: &Path) -> Result<Table, PublishError> {
    let text = crate::limits::read_capped(path, 64 * 1024)
        .map_err(|e| PublishError::Setting(format!("{}: cannot read: {e}", path.display())))?;
    let file: ConfigFile = toml::from_str(&text).map_err(|e| {
        PublishError::Setting(format!("{}: {}", path.display(), e.message().trim()))
    })?;
    Ok(file.confluence)
}

/// Refuses a config file with a token in it that other users may read.
#[cfg(unix)]
fn check_private(path: &Path) -> Result<(), PublishError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map(|m| m.permissions().mode())
        .unwrap_or(0);
    if mode & 0o077 != 0 {
        return Err(PublishError::Setting(format!(
            "{}: holds a token but other users may read it (mode {:o}): chmod 600 it, or set \
             CONFLUENCE_TOKEN instead",
            path.display(),
            mode & 0o777
        )));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_: &Path) -> Result<(), PublishError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_flavour_follows_the_address_unless_told() {
        let cloud = site("https://acme.atlassian.net/wiki/", None).unwrap();
        assert_eq!(cloud.flavour, Flavour::Cloud);
        assert_eq!(cloud.base, "https://acme.atlassian.net");
        let dc = site("https://wiki.acme.example/confluence", None).unwrap();
        assert_eq!(dc.flavour, Flavour::DataCenter);
        assert_eq!(dc.base, "https://wiki.acme.example/confluence");
        let forced = site("http://127.0.0.1:8090", Some(Flavour::Cloud)).unwrap();
        assert_eq!(forced.flavour, Flavour::Cloud);
        for bad in [
            "acme.atlassian.net",
            "http://acme.atlassian.net",
            "https://me:pw@acme.atlassian.net",
            "https://acme.atlassian.net/?x=1",
        ] {
            assert!(site(bad, None).is_err(), "{bad}");
        }
    }

    #[test]
    fn credentials_come_from_the_environment_and_never_show() {
        let vars = [
            ("CONFLUENCE_URL", "https://acme.atlassian.net"),
            ("CONFLUENCE_EMAIL", "ana@acme.example"),
            ("CONFLUENCE_TOKEN", "s3cr3t-token"),
        ];
        let s = load(&env(&vars), None).unwrap();
        assert!(s.authorization.starts_with("Basic "));
        assert!(!format!("{s:?}").contains("s3cr3t"));
        assert!(!format!("{s:?}").contains(&s.authorization));
        let dc = [
            ("CONFLUENCE_URL", "https://wiki.acme.example"),
            ("CONFLUENCE_TOKEN", "pat"),
        ];
        assert_eq!(load(&env(&dc), None).unwrap().authorization, "Bearer pat");
        let no_email = load(&env(&vars[..1]), None).unwrap_err().to_string();
        assert!(
            no_email.contains("CONFLUENCE_EMAIL and CONFLUENCE_TOKEN"),
            "{no_email}"
        );
        let none = load(&env(&[]), None).unwrap_err().to_string();
        assert!(none.contains("set CONFLUENCE_URL"), "{none}");
    }

    #[cfg(unix)]
    #[test]
    fn a_token_in_a_config_file_others_can_read_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "[confluence]\nurl = \"https://wiki.acme.example\"\ntoken = \"pat\"\n",
        )
        .unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = load(&env(&[]), Some(&path)).unwrap_err().to_string();
        assert!(err.contains("chmod 600"), "{err}");
        assert!(!err.contains("pat\""), "{err}");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(
            load(&env(&[]), Some(&path)).unwrap().authorization,
            "Bearer pat"
        );
    }
}
