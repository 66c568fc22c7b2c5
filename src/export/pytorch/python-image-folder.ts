/**
 * The part of the exported PyTorch script that reads a folder of images (one subfolder per class), for a model whose
 * data is one; pytorch-script.ts puts it before python-runtime.ts, whose read_data calls encode_image_folder. It
 * reads the folder as NN Builder does (src/node/image-folder.ts, src/data/image-pixels.ts): Pillow, imported only
 * here, only decodes each file to its pixels as NN Builder's decoders (pngjs, jpeg-js) give them; the listing, the
 * grayscale or RGB conversion, the bilinear resize and the scaling to [0, 1] are NN Builder's steps, in float64 as
 * there, rather than Pillow's convert('L') and resize, which round and filter otherwise. Python source.
 */

export const PYTHON_IMAGE_FOLDER = String.raw`# ---------------------------------------------------------------------------------------------------------------
# A folder of images, one subfolder per class (as torchvision's ImageFolder), read as NN Builder reads it.

IMAGE_FORMATS = {'.png': 'PNG', '.jpg': 'JPEG', '.jpeg': 'JPEG'}


def pillow():
    """PIL.Image, imported only to decode the images, or the one line that says how to install it."""
    try:
        from PIL import Image
    except ImportError:
        sys.exit(f'the images of {DATA["source"]} are decoded with Pillow, which is not installed: pip install pillow')
    return Image


def by_name(names):
    """Sorted as NN Builder sorts them: JavaScript compares strings by their UTF-16 code units."""
    return sorted(names, key=lambda name: name.encode('utf-16-be', 'surrogatepass'))


def image_format(name):
    """PNG or JPEG from the name's extension (node's path.extname: from the last dot, unless it begins the name)."""
    dot = name.rfind('.')
    return IMAGE_FORMATS.get(name[dot:].lower()) if dot > 0 else None


def list_image_folder(root):
    """The classes (the subfolders not starting with '.', sorted) and each class's PNG and JPEG files, sorted, as
    (path, class index)."""
    if os.path.isfile(root):
        sys.exit(f'{root}: is a file: give a folder with a subfolder of PNG or JPEG images for each class, as the model\'s data is')
    try:
        entries = by_name(os.listdir(root))
    except OSError:
        sys.exit(f'{root}: cannot read this folder: give a folder with a subfolder of PNG or JPEG images for each class')
    classes = [name for name in entries if not name.startswith('.') and os.path.isdir(os.path.join(root, name))]
    if not classes:
        sys.exit(f'{root}: has no class folders: put each class\'s images in a subfolder named after the class (cat/, dog/, ...)')
    files = []
    for label, name in enumerate(classes):
        images = [file for file in by_name(os.listdir(os.path.join(root, name))) if image_format(file)]
        if not images:
            sys.exit(f'{os.path.join(root, name)}: the class folder "{name}" has no PNG or JPEG images: add some, or remove the folder')
        files.extend((os.path.join(root, name, file), label) for file in images)
    return classes, files


def byte_plane(data, height, width, channels):
    """Bytes, channels last, as float64 [height, width, channels]."""
    return torch.frombuffer(bytearray(data), dtype=torch.uint8).reshape(height, width, channels).to(torch.float64)


def png_pixels(image, rawmode):
    """A decoded PNG as pngjs gives it: a 16-bit sample v as round(v * 255 / 65535), a low bit depth scaled to
    0-255, palette entries as their colours, and a pixel of the transparent colour (tRNS) black. 16-bit colour
    samples: Pillow keeps their high byte only."""
    width, height = image.size
    transparent = image.info.get('transparency')
    if image.mode in ('I', 'I;16', 'I;16B', 'I;16L'):
        data = byte_plane(image.tobytes('raw', 'I;16B'), height, width, 2)
        raw = data[..., 0] * 256 + data[..., 1]
        gray = torch.floor(raw * 255 / 65535 + 0.5)
        if isinstance(transparent, int):
            gray[raw == transparent] = 0
        return gray[..., None].expand(height, width, 3).contiguous()
    # through RGBA, which keeps a palette's colours whatever their transparency, and drops the alpha
    rgb = byte_plane(image.convert('RGBA').tobytes(), height, width, 4)[..., :3].contiguous()
    if image.mode in ('1', 'L') and isinstance(transparent, int):
        # Pillow scales 2- and 4-bit samples (and gives 1-bit ones as 0 and 255) but not the tRNS value of the 2- and 4-bit
        depth = {'L;2': 2, 'L;4': 4}.get(rawmode)
        rgb[rgb[..., 0] == (transparent * 255 // (2 ** depth - 1) if depth else transparent)] = 0
    elif image.mode == 'RGB' and isinstance(transparent, tuple):
        colour = torch.tensor([value >> 8 if rawmode == 'RGB;16B' else value for value in transparent], dtype=torch.float64)
        rgb[(rgb == colour).all(dim=2)] = 0
    return rgb


def image_pixels(path):
    """The file's pixels, [H, W, 3] values 0-255 as float64, as NN Builder's decoders give them; alpha is dropped,
    as NN Builder drops it. A JPEG is decoded by Pillow's libjpeg, which rounds otherwise than NN Builder's jpeg-js
    (a level or two) and interpolates colour stored at half resolution (4:2:0) where jpeg-js repeats it (tens of
    levels at a sharp colour edge)."""
    Image = pillow()
    try:
        image = Image.open(path, formats=[image_format(os.path.basename(path))])
        rawmode = image.tile[0][3] if image.format == 'PNG' and image.tile else None
        image.load()
    except Exception as error:  # Pillow raises OSError, SyntaxError, ValueError ... for a file it cannot decode
        sys.exit(f'{path}: cannot be read as an image ({error}): replace the file or move it out of the class folder')
    with image:
        return png_pixels(image, rawmode) if image.format == 'PNG' else byte_plane(image.convert('RGB').tobytes(), image.height, image.width, 3)


def bilinear_taps(size, source):
    """For each of size output positions: the two source positions either side and the weight of the second, with
    pixel centres aligned (PyTorch's align_corners=False), as NN Builder resizes."""
    f = ((torch.arange(size, dtype=torch.float64) + 0.5) * (source / size) - 0.5).clamp(0, source - 1)
    first = f.floor()
    return first.long(), (first.long() + 1).clamp(max=source - 1), f - first


def image_sample(pixels, shape):
    """One sample of shape [C, H, W] from the pixels: grayscale as ITU-R 601-2 luma (or RGB), resized bilinearly,
    scaled to [0, 1]; in float64, then float32, as NN Builder computes it."""
    channels, height, width = shape
    if channels == 1:
        planes = ((pixels[..., 0] * 299 + pixels[..., 1] * 587 + pixels[..., 2] * 114) / 1000)[None]
    elif channels == 3:
        planes = pixels.permute(2, 0, 1)
    else:
        sys.exit(f'input.shape has {channels} channels: images load as 1 (grayscale) or 3 (RGB); set input.shape to [1, {height}, {width}] or [3, {height}, {width}]')
    y0, y1, wy = bilinear_taps(height, planes.shape[1])
    x0, x1, wx = bilinear_taps(width, planes.shape[2])
    above, below = planes[:, y0], planes[:, y1]
    top = above[:, :, x0] * (1 - wx) + above[:, :, x1] * wx
    bottom = below[:, :, x0] * (1 - wx) + below[:, :, x1] * wx
    return ((top * (1 - wy[:, None]) + bottom * wy[:, None]) * (1 / 255)).to(torch.float32)


def encode_image_folder(root, require_targets):
    """One row per image, C*H*W values in [0, 1], and the class indices: every image converted to input.shape or,
    without one, at the first image's size and channels (1 when it is gray)."""
    classes, files = list_image_folder(root)
    if require_targets and len(classes) != len(CLASSES):
        sys.exit(f'{root}: {len(classes)} class folders ({", ".join(classes)}), but the model has {len(CLASSES)} classes ({", ".join(CLASSES)}): give it a subfolder for each')
    shape, rows = DATA.get('shape'), []
    first_path, first = files[0][0], image_pixels(files[0][0])
    if shape is None:
        gray = bool((first[..., 0] == first[..., 1]).all() and (first[..., 1] == first[..., 2]).all())
        shape = [1 if gray else 3, first.shape[0], first.shape[1]]
    for path, _ in files:
        pixels = first if path == first_path else image_pixels(path)
        if DATA.get('shape') is None and pixels.shape[:2] != first.shape[:2]:
            sys.exit(f'{path}: is {pixels.shape[1]}×{pixels.shape[0]} but {os.path.basename(first_path)} is {first.shape[1]}×{first.shape[0]}: '
                     f'set input.shape to the size to convert every image to, e.g. [{shape[0]}, {first.shape[0]}, {first.shape[1]}]')
        rows.append(image_sample(pixels, shape).reshape(-1))
    return torch.stack(rows), torch.tensor([label for _, label in files])`;
