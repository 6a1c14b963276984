//! A real SMTP listener for the mail tests: mailin-embedded speaks the protocol and
//! records what it receives; a small TCP front on a fixed loopback port can be taken
//! down and brought back, as an outage of the mail server would be.
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailin_embedded::response::{NO_MAILBOX, OK};
use mailin_embedded::{Handler, Response, Server};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub mail_from: String,
    /// Envelope recipients (RCPT TO).
    pub rcpt_to: Vec<String>,
    /// The message as sent in DATA, headers and body.
    pub data: String,
}

impl Received {
    /// The first value of a header, unfolded, RFC 2047 encoded words decoded.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next()?;
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        let value = unfolded.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })?;
        Some(decode_words(&value))
    }
}

/// Decodes `=?utf-8?b?…?=` words (what lettre writes for non-ASCII text); the space
/// between two encoded words is not part of the text.
fn decode_words(value: &str) -> String {
    use base64::Engine;
    let mut out = String::new();
    let mut previous_encoded = false;
    for (i, word) in value.split(' ').enumerate() {
        let decoded = word
            .strip_prefix("=?utf-8?b?")
            .and_then(|w| w.strip_suffix("?="))
            .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
            .and_then(|bytes| String::from_utf8(bytes).ok());
        if i > 0 && !(previous_encoded && decoded.is_some()) {
            out.push(' ');
        }
        previous_encoded = decoded.is_some();
        out.push_str(decoded.as_deref().unwrap_or(word));
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    Accept,
    /// 550 to every RCPT TO.
    RejectRecipient,
    /// 550 to DATA.
    RejectData,
}

#[derive(Clone)]
struct Recorder {
    received: Arc<Mutex<Vec<Received>>>,
    behaviour: Arc<Mutex<Behaviour>>,
    // Per connection (mailin clones the handler for each one).
    mail_from: String,
    rcpt_to: Vec<String>,
    data: Vec<u8>,
}

impl Recorder {
    fn behaviour(&self) -> Behaviour {
        *self.behaviour.lock().expect("behaviour lock")
    }
}

impl Handler for Recorder {
    fn mail(&mut self, _ip: std::net::IpAddr, _domain: &str, from: &str) -> Response {
        self.mail_from = from.to_owned();
        self.rcpt_to.clear();
        self.data.clear();
        OK
    }

    fn rcpt(&mut self, _to: &str) -> Response {
        match self.behaviour() {
            Behaviour::RejectRecipient => NO_MAILBOX,
            _ => OK,
        }
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        if self.behaviour() == Behaviour::RejectData {
            return Response::custom(550, "5.7.1 Message rejected by policy".to_owned());
        }
        self.rcpt_to = to.to_vec();
        OK
    }

    fn data(&mut self, buf: &[u8]) -> io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let message = Received {
            mail_from: self.mail_from.clone(),
            rcpt_to: std::mem::take(&mut self.rcpt_to),
            data: String::from_utf8_lossy(&std::mem::take(&mut self.data)).into_owned(),
        };
        self.received.lock().expect("received lock").push(message);
        OK
    }
}

pub struct SmtpServer {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    behaviour: Arc<Mutex<Behaviour>>,
    backend: SocketAddr,
    front: Option<JoinHandle<()>>,
}

impl SmtpServer {
    /// Starts listening on a free loopback port, accepting every message.
    pub async fn start() -> Self {
        let received = Arc::new(Mutex::new(Vec::new()));
        let behaviour = Arc::new(Mutex::new(Behaviour::Accept));
        let recorder = Recorder {
            received: received.clone(),
            behaviour: behaviour.clone(),
            mail_from: String::new(),
            rcpt_to: Vec::new(),
            data: Vec::new(),
        };
        let backend_listener =
            std::net::TcpListener::bind("127.0.0.1:0").expect("bind the SMTP backend");
        let backend = backend_listener.local_addr().expect("backend address");
        let mut server = Server::new(recorder);
        server
            .with_name("smtp.test")
            .with_num_threads(4)
            .with_tcp_listener(backend_listener);
        // mailin serves forever on blocking threads; it dies with the test process.
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        let front = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the SMTP port");
        let port = front.local_addr().expect("front address").port();
        Self {
            port,
            received,
            behaviour,
            backend,
            front: Some(tokio::spawn(forward(front, backend))),
        }
    }

    /// For `mail.smtp_url`: plain SMTP, as a relay on loopback would be.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn set_behaviour(&self, behaviour: Behaviour) {
        *self.behaviour.lock().expect("behaviour lock") = behaviour;
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("received lock").clone()
    }

    /// Closes the port and every open connection: clients get "connection refused".
    pub async fn stop(&mut self) {
        if let Some(front) = self.front.take() {
            front.abort();
            let _ = front.await;
        }
    }

    /// Listens on the same port again.
    pub async fn restart(&mut self) {
        self.stop().await;
        let front = TcpListener::bind(("127.0.0.1", self.port))
            .await
            .expect("rebind the SMTP port");
        self.front = Some(tokio::spawn(forward(front, self.backend)));
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        if let Some(front) = self.front.take() {
            front.abort();
        }
    }
}

/// Accepts on the public port and pipes each connection to mailin. Aborting this
/// task drops the listener and, with the JoinSet, every piped connection.
async fn forward(front: TcpListener, backend: SocketAddr) {
    let mut connections = JoinSet::new();
    loop {
        let Ok((mut client, _)) = front.accept().await else {
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        connections.spawn(async move {
            if let Ok(mut server) = TcpStream::connect(backend).await {
                let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
            }
        });
        // Reap finished connections so the set does not grow for the whole test.
        while connections.try_join_next().is_some() {}
    }
}
