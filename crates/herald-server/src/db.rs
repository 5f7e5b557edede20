//! The store as the server reads it: a pool of read-only SQLite connections
//! (a `rusqlite::Connection` is `Send` but not `Sync`, so each query takes
//! one for itself on a blocking thread), and one writer for `POST /code?store=true`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::ApiError;

struct InterruptOnDrop(Option<rusqlite::InterruptHandle>);

impl Drop for InterruptOnDrop {
    fn drop(&mut self) {
        if let Some(h) = self.0.take() {
            h.interrupt();
        }
    }
}

/// Read-only connections to one store file, and its writer.
pub struct Db {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    writer: Mutex<Option<herald_store::Store>>,
    /// How long one query may run before it is interrupted.
    pub query_timeout: Duration,
}

impl Db {
    /// Open a store that exists, bringing its schema up to date once (the
    /// read-only connections cannot migrate).
    pub fn open(path: &Path, query_timeout: Duration) -> anyhow::Result<Db> {
        if !path.is_file() {
            anyhow::bail!("{}: no such store (create it with `herald ingest --db {} PATH...`)", path.display(), path.display());
        }
        let store = herald_store::Store::open(path).map_err(|e| anyhow::anyhow!("opening the store {}: {e}", path.display()))?;
        drop(store);
        let db = Db { path: path.to_path_buf(), idle: Mutex::new(Vec::new()), writer: Mutex::new(None), query_timeout };
        // fail now, not at the first request, if the file cannot be read
        let c = db.connect().map_err(|e| anyhow::anyhow!("opening the store {} read-only: {e}", path.display()))?;
        db.idle.lock().unwrap_or_else(|p| p.into_inner()).push(c);
        Ok(db)
    }

    /// The store file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn connect(&self) -> rusqlite::Result<Connection> {
        let c = Connection::open_with_flags(&self.path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        c.busy_timeout(Duration::from_secs(5))?;
        // read pages through a shared memory map rather than a copy per
        // connection (each pooled connection would otherwise re-read the
        // B-tree pages it touches with read(2))
        let _: i64 = c.query_row("PRAGMA mmap_size = 4294967296", [], |r| r.get(0)).unwrap_or(0);
        Ok(c)
    }

    /// Run `f` with a read-only connection on a blocking thread. A query
    /// still running after [`Db::query_timeout`] is interrupted and the
    /// request answers 503.
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let db = Arc::clone(self);
        let conn = {
            let c = db.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
            match c {
                Some(c) => c,
                None => db.connect().map_err(ApiError::from)?,
            }
        };
        // interrupt the query if this future is dropped (the request timed
        // out or the client went away) or the time runs out
        let mut guard = InterruptOnDrop(Some(conn.get_interrupt_handle()));
        let task = tokio::task::spawn_blocking(move || {
            let r = f(&conn);
            db.idle.lock().unwrap_or_else(|p| p.into_inner()).push(conn);
            r
        });
        match tokio::time::timeout(self.query_timeout, task).await {
            Ok(Ok(r)) => {
                guard.0 = None;
                r
            }
            Ok(Err(join)) => {
                guard.0 = None;
                Err(ApiError::internal(format!("query task failed: {join}")))
            }
            Err(_) => {
                drop(guard);
                Err(ApiError::unavailable(format!("the query took longer than {} ms and was stopped; narrow the filters", self.query_timeout.as_millis())))
            }
        }
    }

    /// Run `f` with the store opened for writing (one writer at a time).
    pub async fn write<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut herald_store::Store) -> Result<T, ApiError> + Send + 'static,
    {
        let db = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut w = db.writer.lock().unwrap_or_else(|p| p.into_inner());
            if w.is_none() {
                *w = Some(herald_store::Store::open(&db.path).map_err(ApiError::from)?);
            }
            match w.as_mut() {
                Some(store) => f(store),
                None => Err(ApiError::internal("the store could not be opened for writing")),
            }
        })
        .await
        .map_err(|e| ApiError::internal(format!("write task failed: {e}")))?
    }
}
