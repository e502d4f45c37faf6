//! Row heights of the sentence table, cached per row so only visible rows are laid out.
//! Plain data (no egui): the app invalidates rows it changes; the table view measures.

/// Cached row heights, by segment index.
#[derive(Debug, Default)]
pub struct RowHeights {
    heights: Vec<Option<f32>>,
    width: f32,
    measured_sum: f64,
    measured_count: usize,
}

impl RowHeights {
    /// Forget all heights (project replaced, font size changed).
    pub fn clear(&mut self) {
        self.heights.clear();
        self.measured_sum = 0.0;
        self.measured_count = 0;
    }

    /// Forget the height of one row (its text changed).
    pub fn invalidate(&mut self, index: usize) {
        if let Some(slot) = self.heights.get_mut(index)
            && let Some(h) = slot.take()
        {
            self.measured_sum -= f64::from(h);
            self.measured_count -= 1;
        }
    }

    /// Adapt to the column width and row count (a new width forgets all heights).
    pub fn set_width(&mut self, width: f32, rows: usize) {
        if (self.width - width).abs() > 0.5 {
            self.clear();
            self.width = width;
        }
        if self.heights.len() != rows {
            self.heights.resize(rows, None);
        }
    }

    /// Height assumed for a row never measured: the running average.
    pub fn estimate(&self) -> f32 {
        if self.measured_count == 0 {
            64.0
        } else {
            (self.measured_sum / self.measured_count as f64) as f32
        }
    }

    /// Height of row `index`, measured or `estimate`.
    pub fn get(&self, index: usize, estimate: f32) -> f32 {
        self.heights
            .get(index)
            .copied()
            .flatten()
            .unwrap_or(estimate)
    }

    /// Store a measured height; returns whether it differs from what was assumed.
    pub fn set(&mut self, index: usize, height: f32, assumed: f32) -> bool {
        if let Some(slot) = self.heights.get_mut(index) {
            if let Some(old) = slot.replace(height) {
                self.measured_sum -= f64::from(old);
            } else {
                self.measured_count += 1;
            }
            self.measured_sum += f64::from(height);
        }
        (height - assumed).abs() > 0.5
    }

    /// The measured height of row `index`, if it was drawn since it last changed.
    pub fn height_of(&self, index: usize) -> Option<f32> {
        self.heights.get(index).copied().flatten()
    }

    /// Number of rows with a measured height (for tests and benchmarks).
    pub fn measured(&self) -> usize {
        self.measured_count
    }
}
