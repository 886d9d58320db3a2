//! A room hosted by this process: the checkpoint's [`Owner`] and its [`RoomServer`], opened and
//! closed together. `checkpoint room` and the workshop screen both host rooms through it, so
//! that the join link, the order of closing (stop taking connections, serve what is under way,
//! then stop) and the final save are the same for both.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use super::RoomServer;
use crate::checklist::Catalog;
use crate::checkpoint::Store;
use crate::room::{Owner, Room, Served};
use crate::workshop::Workshop;

/// How long the inbox is still served after the server is told to close.
const DRAIN: Duration = Duration::from_secs(1);

/// A room open to voters. See the module's documentation.
pub struct Host {
    owner: Owner,
    server: RoomServer,
    link: String,
}

impl Host {
    /// Opens a room on `work`: binds `listen` (port 0: a free port) and publishes the
    /// checkpoint as it is.
    pub fn open(listen: SocketAddr, catalog: Arc<Catalog>, work: &Workshop) -> Result<Host> {
        let (mut owner, inbox) = Owner::new(Room::open()?, catalog);
        let server = super::start(listen, owner.code(), inbox)
            .with_context(|| format!("cannot listen on {listen}"))?;
        owner.set_publisher(server.publisher());
        owner.publish(work);
        let link = join_link(server.addr(), lan_ip(), owner.code());
        Ok(Host {
            owner,
            server,
            link,
        })
    }

    /// The address voters open: the LAN's address when the server listens on every interface.
    pub fn link(&self) -> &str {
        &self.link
    }

    /// The room's code, the last part of the link.
    pub fn code(&self) -> &str {
        self.owner.code()
    }

    /// The checkpoint's owner: its seats, its facilitator's API.
    pub fn owner(&self) -> &Owner {
        &self.owner
    }

    /// The owner, to admit or forget a seat (publish after).
    pub fn owner_mut(&mut self) -> &mut Owner {
        &mut self.owner
    }

    /// Serves every ask waiting (see [`Owner::serve`]).
    pub fn serve(&mut self, work: &mut Workshop, store: &Store) -> Served {
        self.owner.serve(work, store)
    }

    /// Waits up to `timeout` for an ask, then serves what came.
    pub fn wait_and_serve(
        &mut self,
        work: &mut Workshop,
        store: &Store,
        timeout: Duration,
    ) -> Served {
        if self.owner.wait(timeout) {
            self.owner.serve(work, store)
        } else {
            Served::default()
        }
    }

    /// Publishes the checkpoint after the facilitator's own change (see [`Owner::publish`]).
    pub fn publish(&mut self, work: &Workshop) {
        self.owner.publish(work);
    }

    /// Closes the room: no new connections, what is under way is served for a moment, then the
    /// server stops. Returns what was served meanwhile. The caller saves after.
    pub fn close(mut self, work: &mut Workshop, store: &Store) -> Served {
        self.server.close();
        let mut served = Served::default();
        let until = Instant::now() + DRAIN;
        while Instant::now() < until {
            let more = self.wait_and_serve(work, store, Duration::from_millis(20));
            served.happened.extend(more.happened);
            served.unsaved = more.unsaved.or(served.unsaved);
        }
        self.server.stop();
        served
    }
}

/// The link voters open: the server's address, with the LAN's address in place of "every
/// interface" (0.0.0.0 or ::) when one is known, else the loopback.
pub fn join_link(addr: SocketAddr, lan: Option<IpAddr>, code: &str) -> String {
    let ip = match addr.ip() {
        ip if ip.is_unspecified() => lan.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        ip => ip,
    };
    format!("http://{}/{code}/", SocketAddr::new(ip, addr.port()))
}

/// This machine's address on the network its default route leads to. Connecting a UDP socket
/// sends nothing: it only asks the OS which address it would send from.
pub fn lan_ip() -> Option<IpAddr> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    socket.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then_some(ip)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv6Addr;

    #[test]
    fn the_link_names_the_lan_address_when_listening_everywhere() {
        let lan = Some(IpAddr::V4(Ipv4Addr::new(192, 168, 1, 20)));
        let everywhere = SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 4100);
        assert_eq!(
            join_link(everywhere, lan, "ab12"),
            "http://192.168.1.20:4100/ab12/"
        );
        let v6 = SocketAddr::new(IpAddr::V6(Ipv6Addr::UNSPECIFIED), 4100);
        assert_eq!(join_link(v6, lan, "ab12"), "http://192.168.1.20:4100/ab12/");
    }

    #[test]
    fn without_a_lan_the_link_is_the_loopback_and_a_given_address_stays() {
        let everywhere = SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 4100);
        assert_eq!(
            join_link(everywhere, None, "ab12"),
            "http://127.0.0.1:4100/ab12/"
        );
        let given: SocketAddr = "10.0.0.5:80".parse().unwrap();
        let lan = Some(IpAddr::V4(Ipv4Addr::new(192, 168, 1, 20)));
        assert_eq!(join_link(given, lan, "ab12"), "http://10.0.0.5:80/ab12/");
        let v6: SocketAddr = "[fe80::1]:80".parse().unwrap();
        assert_eq!(join_link(v6, None, "ab12"), "http://[fe80::1]:80/ab12/");
    }
}
