//! Drawing egui off screen with wgpu and reading the pixels back: how charts and slides become PNG
//! images without a window. Works on a GPU or on Mesa's software Vulkan (lavapipe); says plainly
//! when the machine has no renderer at all.

use std::iter;
use std::sync::mpsc;
use std::time::Duration;

use eframe::egui_wgpu::{self, wgpu};

/// The longest to wait for the GPU (a software renderer is slow, a lost device never answers).
const WAIT: Duration = Duration::from_mins(1);

/// The smallest and largest image side, in pixels.
pub const SIDES: std::ops::RangeInclusive<u32> = 64..=8192;

/// The widths a picture is laid out between, in points: a larger image is the 1920-point layout
/// scaled up (sharper, not smaller type); a smaller one the 1280-point layout scaled down; in
/// between, one point a pixel, as a projector of that width would show the slide.
pub const LAYOUT_WIDTHS: (f32, f32) = (1280.0, 1920.0);

/// Pixels per point for an image `width` pixels wide (see [`LAYOUT_WIDTHS`]).
pub fn pixels_per_point(width: u32) -> f32 {
    let (narrow, wide) = LAYOUT_WIDTHS;
    let w = width as f32;
    if w > wide {
        w / wide
    } else if w < narrow {
        w / narrow
    } else {
        1.0
    }
}

/// Why an image could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// No GPU and no software renderer.
    #[error(
        "no graphics renderer is available to draw the images ({0}). Install a GPU driver, or Mesa's software Vulkan driver (on Debian and Ubuntu: sudo apt install mesa-vulkan-drivers), and try again"
    )]
    NoRenderer(String),
    /// The renderer failed while drawing.
    #[error("drawing the image failed: {0}")]
    Failed(String),
    /// The size is out of range.
    #[error(
        "{0} is not an image size: write it as WIDTHxHEIGHT in pixels, e.g. 1920x1080, each side from 64 to 8192"
    )]
    BadSize(String),
}

/// An image as RGBA bytes, row by row from the top.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Four bytes a pixel.
    pub rgba: Vec<u8>,
}

impl Image {
    /// Encoded as PNG.
    pub fn to_png(&self) -> Result<Vec<u8>, RenderError> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder
            .write_header()
            .map_err(|e| RenderError::Failed(e.to_string()))?;
        writer
            .write_image_data(&self.rgba)
            .map_err(|e| RenderError::Failed(e.to_string()))?;
        writer
            .finish()
            .map_err(|e| RenderError::Failed(e.to_string()))?;
        Ok(out)
    }

    /// How many different colours the image has (up to `limit`): a blank image has one.
    pub fn colours(&self, limit: usize) -> usize {
        let mut seen = std::collections::BTreeSet::new();
        for px in self.rgba.chunks_exact(4) {
            seen.insert([px[0], px[1], px[2], px[3]]);
            if seen.len() >= limit {
                break;
            }
        }
        seen.len()
    }
}

/// Reads "1920x1080" (or "1920×1080") as a width and height in pixels.
pub fn parse_size(text: &str) -> Result<[u32; 2], RenderError> {
    let bad = || RenderError::BadSize(format!("'{text}'"));
    let lower = text.trim().to_lowercase().replace('×', "x");
    let (w, h) = lower.split_once('x').ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    if SIDES.contains(&w) && SIDES.contains(&h) {
        Ok([w, h])
    } else {
        Err(bad())
    }
}

/// A wgpu device with its own egui renderer, drawing into textures rather than a window.
pub struct Offscreen {
    device: wgpu::Device,
    queue: wgpu::Queue,
    renderer: egui_wgpu::Renderer,
    format: wgpu::TextureFormat,
}

impl Offscreen {
    /// Finds a renderer without a window: a GPU if there is one, else a software one (Mesa's
    /// lavapipe is a Vulkan device). Vulkan, Metal and DX12 are tried before OpenGL, whose
    /// probing of the display is noisy without one; `WGPU_BACKEND` chooses instead when set.
    pub fn new() -> Result<Self, RenderError> {
        let chosen = wgpu::Backends::from_env();
        let tries = match chosen {
            Some(backends) => vec![backends],
            None => vec![
                wgpu::Backends::VULKAN | wgpu::Backends::METAL | wgpu::Backends::DX12,
                wgpu::Backends::GL,
            ],
        };
        let mut why = Vec::new();
        for backends in tries {
            match Self::with_backends(backends) {
                Ok(r) => return Ok(r),
                Err(e) => why.push(e),
            }
        }
        Err(RenderError::NoRenderer(why.join("; ")))
    }

    fn with_backends(backends: wgpu::Backends) -> Result<Self, String> {
        let mut setup = egui_wgpu::WgpuSetupCreateNew::without_display_handle();
        setup.instance_descriptor.backends = backends;
        let setup = egui_wgpu::WgpuSetup::CreateNew(setup);
        let instance = pollster::block_on(setup.new_instance());
        let state = pollster::block_on(egui_wgpu::RenderState::create(
            &egui_wgpu::WgpuConfiguration {
                wgpu_setup: setup,
                ..Default::default()
            },
            &instance,
            None,
            egui_wgpu::RendererOptions::PREDICTABLE,
        ))
        .map_err(|e| e.to_string())?;
        Ok(Self::with_device(state.device, state.queue))
    }

    /// Draws with an existing device (the window's), keeping its own textures apart.
    pub fn with_device(device: wgpu::Device, queue: wgpu::Queue) -> Self {
        let format = wgpu::TextureFormat::Rgba8Unorm;
        let renderer =
            egui_wgpu::Renderer::new(&device, format, egui_wgpu::RendererOptions::PREDICTABLE);
        Self {
            device,
            queue,
            renderer,
            format,
        }
    }

    /// Draws `draw` on a canvas of `size` pixels, laid out as [`pixels_per_point`] says, and returns
    /// the pixels. `setup` styles the context first (fonts, theme).
    pub fn render(
        &mut self,
        size: [u32; 2],
        setup: impl FnOnce(&egui::Context),
        mut draw: impl FnMut(&mut egui::Ui),
    ) -> Result<Image, RenderError> {
        let [width, height] = size;
        if !SIDES.contains(&width) || !SIDES.contains(&height) {
            return Err(RenderError::BadSize(format!("{width}x{height}")));
        }
        let ppp = pixels_per_point(width);
        let ctx = egui::Context::default();
        setup(&ctx);
        ctx.all_styles_mut(|s| s.animation_time = 0.0);
        let mut input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(width as f32, height as f32) / ppp,
            )),
            ..Default::default()
        };
        if let Some(v) = input.viewports.get_mut(&egui::ViewportId::ROOT) {
            v.native_pixels_per_point = Some(ppp);
        }
        // Layout settles over a few passes (axis widths, text sizes); upload every pass's
        // textures and draw the last.
        let mut shapes = Vec::new();
        let mut free = Vec::new();
        for _ in 0..3 {
            let mut out = ctx.run_ui(input.clone(), &mut draw);
            let mut delta = std::mem::take(&mut out.textures_delta);
            for (id, deltas) in &delta.set {
                for image in deltas {
                    self.renderer
                        .update_texture(&self.device, &self.queue, *id, image);
                }
            }
            free.extend(delta.free.drain());
            delta.clear();
            shapes = out.shapes;
        }
        let primitives = ctx.tessellate(shapes, ppp);
        let image = self.draw(&primitives, [width, height], ppp);
        for id in &free {
            self.renderer.free_texture(id);
        }
        image
    }

    fn draw(
        &mut self,
        shapes: &[egui::ClippedPrimitive],
        [width, height]: [u32; 2],
        ppp: f32,
    ) -> Result<Image, RenderError> {
        let screen = egui_wgpu::ScreenDescriptor {
            size_in_pixels: [width, height],
            pixels_per_point: ppp,
        };
        let mut encoder = self
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("slide"),
            });
        let buffers =
            self.renderer
                .update_buffers(&self.device, &self.queue, &mut encoder, shapes, &screen);
        let texture = self.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("slide"),
            size: wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: self.format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        {
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("slide"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view: &view,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            load: wgpu::LoadOp::Clear(wgpu::Color::WHITE),
                            store: wgpu::StoreOp::Store,
                        },
                        depth_slice: None,
                    })],
                    ..Default::default()
                })
                .forget_lifetime();
            self.renderer.render(&mut pass, shapes, &screen);
        }
        // Copy the texture into a buffer whose rows are padded as wgpu requires.
        let unpadded = width as usize * 4;
        let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
        let padded = unpadded.div_ceil(align) * align;
        let buffer = self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("slide pixels"),
            size: (padded * height as usize) as u64,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        encoder.copy_texture_to_buffer(
            texture.as_image_copy(),
            wgpu::TexelCopyBufferInfo {
                buffer: &buffer,
                layout: wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(padded as u32),
                    rows_per_image: None,
                },
            },
            wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
        );
        let index = self
            .queue
            .submit(buffers.into_iter().chain(iter::once(encoder.finish())));
        let slice = buffer.slice(..);
        let (sender, receiver) = mpsc::channel();
        slice.map_async(wgpu::MapMode::Read, move |r| drop(sender.send(r)));
        self.device
            .poll(wgpu::PollType::Wait {
                submission_index: Some(index),
                timeout: Some(WAIT),
            })
            .map_err(|e| RenderError::Failed(e.to_string()))?;
        receiver
            .recv()
            .map_err(|e| RenderError::Failed(e.to_string()))?
            .map_err(|e| RenderError::Failed(e.to_string()))?;
        let data = slice
            .get_mapped_range()
            .map_err(|e| RenderError::Failed(e.to_string()))?;
        let rgba = data
            .chunks_exact(padded)
            .flat_map(|row| &row[..unpadded])
            .copied()
            .collect();
        Ok(Image {
            width,
            height,
            rgba,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_read_and_checked() {
        assert_eq!(parse_size("1920x1080").ok(), Some([1920, 1080]));
        assert_eq!(parse_size(" 1280 X 800 ").ok(), Some([1280, 800]));
        assert_eq!(parse_size("1280×720").ok(), Some([1280, 720]));
        for bad in [
            "",
            "1920",
            "x1080",
            "1920x",
            "axb",
            "10x10",
            "99999x1080",
            "-5x10",
        ] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
        let message = parse_size("big").unwrap_err().to_string();
        assert!(message.contains("1920x1080") && message.contains("'big'"));
    }

    #[test]
    fn pictures_are_laid_out_between_1280_and_1920_points_wide() {
        assert!((pixels_per_point(1920) - 1.0).abs() < 1e-6);
        assert!((pixels_per_point(3840) - 2.0).abs() < 1e-6);
        assert!((pixels_per_point(1280) - 1.0).abs() < 1e-6);
        assert!((pixels_per_point(1600) - 1.0).abs() < 1e-6);
        assert!((pixels_per_point(640) - 0.5).abs() < 1e-6);
    }

    #[test]
    fn a_blank_image_has_one_colour() {
        let blank = Image {
            width: 2,
            height: 1,
            rgba: vec![255; 8],
        };
        assert_eq!(blank.colours(10), 1);
        let png = blank.to_png().unwrap();
        assert_eq!(&png[1..4], b"PNG");
    }
}
