//! TLS configuration: rustls with the `ring` provider, handed to reqwest as a preconfigured
//! backend (no process-wide default provider is installed behind the user's back).
//!
//! Certificates are verified against the bundled Mozilla roots (`webpki-roots`) by default. With
//! the cargo feature `native-roots`, [`crate::ClientBuilder::native_roots`] switches to
//! `rustls-platform-verifier`, maintained by the rustls team and recommended by them over
//! `rustls-native-certs`: it asks the operating system's own verifier on macOS, Windows and
//! Android (so enterprise trust settings and revocation apply) and the system root store on
//! Linux, which is what a corporate TLS-inspecting proxy needs.

use std::sync::Arc;

use crate::error::{Error, Result};

/// Which certificates a server's chain is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Roots {
    /// The Mozilla roots bundled in the binary (`webpki-roots`).
    Bundled,
    /// The operating system's verifier and trust store (`rustls-platform-verifier`).
    #[cfg(feature = "native-roots")]
    Platform,
}

/// Builds the rustls client configuration used by a [`crate::Client`]'s own HTTP client.
pub(crate) fn client_config(roots: Roots) -> Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls_error = |e: rustls::Error| Error::Config(format!("TLS setup failed: {e}"));
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(tls_error)?;
    let mut config = match roots {
        Roots::Bundled => {
            let roots: rustls::RootCertStore =
                webpki_roots::TLS_SERVER_ROOTS.iter().cloned().collect();
            builder.with_root_certificates(roots).with_no_client_auth()
        }
        #[cfg(feature = "native-roots")]
        Roots::Platform => {
            use rustls_platform_verifier::BuilderVerifierExt;
            builder
                .with_platform_verifier()
                .map_err(tls_error)?
                .with_no_client_auth()
        }
    };
    // reqwest is built without HTTP/2 here, so offer HTTP/1.1 only.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_with_roots() {
        let config = client_config(Roots::Bundled).expect("TLS config");
        assert_eq!(config.alpn_protocols, vec![b"http/1.1".to_vec()]);
        assert!(!webpki_roots::TLS_SERVER_ROOTS.is_empty());
    }

    #[cfg(feature = "native-roots")]
    #[test]
    fn builds_with_the_platform_verifier() {
        let config = client_config(Roots::Platform).expect("TLS config");
        assert_eq!(config.alpn_protocols, vec![b"http/1.1".to_vec()]);
    }
}
