from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'downloads.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html.j2', 'downloads.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    pass
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Data', _block_vars=_block_vars))

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_site = resolve('site')
    l_0_notice = resolve('notice')
    l_0_files = resolve('files')
    pass
    yield '<h1>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Download the data', _block_vars=_block_vars))
    yield '</h1>\n<p class="lede"><code>scores.csv</code> '
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'is the spine: one row per country, criteria set, edition, coder and criterion. Every table on this site is derived from it.', _block_vars=_block_vars))
    yield '\n'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Per-set files hold the global table (one row per country).', _block_vars=_block_vars))
    yield ' <code>review.xlsx</code> '
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'holds the global tables, one sheet per set.', _block_vars=_block_vars))
    yield '\n'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'The', _block_vars=_block_vars))
    yield ' <a href="codebook.html">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'codebook', _block_vars=_block_vars))
    yield '</a> '
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'explains every column;', _block_vars=_block_vars))
    yield ' <a href="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'assets'))
    yield 'data/datapackage.json"><code>datapackage.json</code></a> '
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), "(a Frictionless Data Package) describes every CSV and JSON file for machines: its columns, their types and meaning, the licence and the review's status.", _block_vars=_block_vars))
    yield '</p>\n'
    if (undefined(name='notice') if l_0_notice is missing else l_0_notice):
        pass
        yield '<p><span class="label">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Every file here says so too:', _block_vars=_block_vars))
        yield '</span> '
        yield escape((undefined(name='notice') if l_0_notice is missing else l_0_notice))
        yield '</p>'
    yield '<div class="table-scroll" role="region" tabindex="0" aria-label="'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Files and SHA-256 checksums', _block_vars=_block_vars))
    yield '"><table class="data files">\n  <caption>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Files and SHA-256 checksums', _block_vars=_block_vars))
    yield '</caption>\n  <thead><tr><th scope="col">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'File', _block_vars=_block_vars))
    yield '</th><th scope="col">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'What it holds', _block_vars=_block_vars))
    yield '</th><th scope="col" class="num">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Size', _block_vars=_block_vars))
    yield '</th><th scope="col">SHA-256</th></tr></thead>\n  <tbody>\n'
    for l_1_f in (undefined(name='files') if l_0_files is missing else l_0_files):
        _loop_vars = {}
        pass
        yield '    <tr><th scope="row"><a href="'
        yield escape(environment.getattr(l_1_f, 'href'))
        yield '">'
        yield escape(environment.getattr(l_1_f, 'path'))
        yield '</a></th><td>'
        yield escape(environment.getattr(l_1_f, 'about'))
        yield '</td><td class="num">'
        yield escape(environment.getattr(l_1_f, 'size'))
        yield '</td><td><code class="hash">'
        yield escape(environment.getattr(l_1_f, 'sha256'))
        yield '</code></td></tr>\n'
    l_1_f = missing
    yield '  </tbody>\n</table></div>\n<h2 id="verify">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Check your copies', _block_vars=_block_vars))
    yield '</h2>\n<p>Download <a href="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'assets'))
    yield 'data/SHA256SUMS">SHA256SUMS</a> into the <code>data</code> folder beside the files (keep <code>CITATION.cff</code> one level up, as on this site), then run, in that folder:</p>\n<pre class="command"><code>sha256sum -c SHA256SUMS</code></pre>\n<p>Each file should be reported <code>OK</code>. On macOS use <code>shasum -a 256 -c SHA256SUMS</code>.</p>\n'

blocks = {'title': block_title, 'main': block_main}
debug_info = '1=12&2=17&3=28&4=41&5=43&6=45&7=49&8=59&9=67&10=69&11=71&13=77&14=81&18=93&19=95'

# Generated by `python3 -m legalreview.render.precompile` from templates/downloads.html.j2: do not edit.
