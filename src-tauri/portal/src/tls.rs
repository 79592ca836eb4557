//! HTTPS: the analyst's certificate and key, read into a rustls server
//! configuration when the server starts.
//!
//! Every way these files can be wrong is said in words that name the file
//! and what is wrong with it, since the one reading the message is an
//! analyst who was handed two files by their IT department, not someone
//! who knows what a PKCS#8 structure is.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use rustls::crypto::ring;
use rustls::server::ServerConfig;
use rustls::{Error as RustlsError, InconsistentKeys};
use rustls_pki_types::pem::{self, PemObject};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use crate::options::Tls;

/// Why the certificate or key cannot be used; its message names the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsError(pub String);

impl fmt::Display for TlsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TlsError {}

/// What the portal serves HTTPS with.
pub struct Loaded {
    pub config: Arc<ServerConfig>,
    /// The host names the certificate is for (its DNS names, without
    /// wildcards): browsers reach the portal by them, so the host check
    /// lets them in as if given with `--host`.
    pub names: Vec<String>,
}

/// Reads the certificate chain and key and checks that they belong
/// together. The server speaks HTTP/1.1 only, so that is all it offers in
/// ALPN.
pub fn server_config(tls: &Tls) -> Result<Loaded, TlsError> {
    let certificates = certificates(&tls.certificate)?;
    let names = names(&certificates[0]);
    let key = key(&tls.key)?;
    let provider = Arc::new(ring::default_provider());
    let builder = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsError(format!("HTTPS cannot be set up: {e}.")))?
        .with_no_client_auth();
    let mut config = builder
        .with_single_cert(certificates, key)
        .map_err(|e| refused(tls, &e))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Loaded {
        config: Arc::new(config),
        names,
    })
}

/// The DNS names of the server's certificate. A wildcard name says
/// nothing about which host the portal is, so it is left out; a
/// certificate rustls cannot read is refused later, by rustls.
fn names(certificate: &CertificateDer<'_>) -> Vec<String> {
    webpki::EndEntityCert::try_from(certificate)
        .map(|parsed| {
            parsed
                .valid_dns_names()
                .filter(|name| !name.starts_with('*'))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let bytes = read(path, "certificate")?;
    let certificates = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| unreadable(path, "certificate", &e))?;
    if certificates.is_empty() {
        // Swapping the two files is the likeliest slip; say so when it is.
        let hint = if PrivateKeyDer::from_pem_slice(&bytes).is_ok() {
            " It holds a private key: were the certificate and the key swapped?"
        } else {
            ""
        };
        return Err(TlsError(format!(
            "No certificate found in {}: a certificate file holds one or more blocks that start with “-----BEGIN CERTIFICATE-----”.{hint}",
            path.display()
        )));
    }
    Ok(certificates)
}

fn key(path: &Path) -> Result<PrivateKeyDer<'static>, TlsError> {
    let bytes = read(path, "key")?;
    PrivateKeyDer::from_pem_slice(&bytes).map_err(|e| match e {
        pem::Error::NoItemsFound => {
            let hint = if CertificateDer::from_pem_slice(&bytes).is_ok() {
                " It holds a certificate: were the certificate and the key swapped?"
            } else {
                ""
            };
            TlsError(format!(
                "No private key found in {}: a key file holds a block that starts with “-----BEGIN PRIVATE KEY-----” (or RSA PRIVATE KEY, EC PRIVATE KEY).{hint}",
                path.display()
            ))
        }
        other => unreadable(path, "key", &other),
    })
}

fn read(path: &Path, what: &str) -> Result<Vec<u8>, TlsError> {
    std::fs::read(path).map_err(|e| {
        TlsError(format!(
            "The {what} file {} cannot be read: {e}.",
            path.display()
        ))
    })
}

fn unreadable(path: &Path, what: &str, e: &pem::Error) -> TlsError {
    TlsError(format!(
        "The {what} file {} is not valid PEM ({e}).",
        path.display()
    ))
}

/// What rustls refusing the pair means for the analyst.
fn refused(tls: &Tls, e: &RustlsError) -> TlsError {
    let (certificate, key) = (tls.certificate.display(), tls.key.display());
    TlsError(match e {
        RustlsError::InconsistentKeys(InconsistentKeys::KeyMismatch) => format!(
            "The key in {key} does not match the certificate in {certificate}: give the key the certificate was made for."
        ),
        RustlsError::InvalidCertificate(_) | RustlsError::NoCertificatesPresented => format!(
            "The certificate in {certificate} cannot be used: {e}."
        ),
        _ => format!(
            "The key in {key} cannot be used with the certificate in {certificate}: {e}. An RSA, ECDSA or Ed25519 key is needed."
        ),
    })
}
