//! Governments as pages name them: code and name, the code isolated (`<bdi>`) by the
//! templates since it is Latin inside Persian sentences.
use std::collections::HashMap;

use uuid::Uuid;

use crate::store::entities::government;

pub struct GovernmentName {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

/// The government `id` from those loaded; its id when it was not found (a row that
/// names a government since removed still shows something).
pub fn name_of(governments: &HashMap<Uuid, government::Model>, id: Uuid) -> GovernmentName {
    governments.get(&id).map_or_else(
        || GovernmentName {
            id,
            code: String::new(),
            name: id.to_string(),
        },
        |g| GovernmentName {
            id,
            code: g.code.clone(),
            name: g.name.clone(),
        },
    )
}
