from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'criterion.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html.j2', 'criterion.html.j2')
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
    l_0_criterion = resolve('criterion')
    pass
    yield escape(environment.getattr((undefined(name='criterion') if l_0_criterion is missing else l_0_criterion), 'id'))
    yield ' '
    yield escape(environment.getattr((undefined(name='criterion') if l_0_criterion is missing else l_0_criterion), 'short'))

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_set = resolve('set')
    l_0_criterion = resolve('criterion')
    l_0__ = resolve('_')
    l_0_compared = resolve('compared')
    l_0_groups = resolve('groups')
    try:
        t_1 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    pass
    yield '<p class="crumbs"><a href="'
    yield escape(environment.getattr((undefined(name='set') if l_0_set is missing else l_0_set), 'href'))
    yield '">'
    yield escape(environment.getattr((undefined(name='set') if l_0_set is missing else l_0_set), 'title'))
    yield '</a></p>\n<h1>'
    yield escape(environment.getattr((undefined(name='criterion') if l_0_criterion is missing else l_0_criterion), 'id'))
    yield ' '
    yield escape(environment.getattr((undefined(name='criterion') if l_0_criterion is missing else l_0_criterion), 'short'))
    yield '</h1>\n<p class="lede">'
    yield escape(environment.getattr((undefined(name='criterion') if l_0_criterion is missing else l_0_criterion), 'question'))
    yield '</p>\n<h2>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Guidance for coders', _block_vars=_block_vars))
    yield '</h2>\n<p>'
    yield escape(environment.getattr((undefined(name='criterion') if l_0_criterion is missing else l_0_criterion), 'guidance'))
    yield '</p>\n<h2>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Model provision', _block_vars=_block_vars))
    yield '</h2>\n<p class="model-text">'
    yield escape(environment.getattr((undefined(name='criterion') if l_0_criterion is missing else l_0_criterion), 'model_provision'))
    yield '</p>\n<h2 id="compare">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), "Each country's answer, side by side", _block_vars=_block_vars))
    yield '</h2>\n'
    if (undefined(name='compared') if l_0_compared is missing else l_0_compared):
        pass
        yield '<div class="table-scroll" role="region" tabindex="0" aria-labelledby="compare"><table class="data sortable compare-law">\n  <caption>'
        yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), "%(criterion)s in every assessed country: the answer, the provisions cited (our references; each country's page gives the law's words where we have them, else our summary) and the coder's note.", _block_vars=_block_vars), criterion=environment.getattr((undefined(name='criterion') if l_0_criterion is missing else l_0_criterion), 'id')))
        yield '</caption>\n  <thead><tr><th scope="col" data-type="text">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Country', _block_vars=_block_vars))
        yield '</th><th scope="col" data-type="num">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Answer', _block_vars=_block_vars))
        yield '</th><th scope="col" data-type="text">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Provisions cited', _block_vars=_block_vars))
        yield '</th><th scope="col" data-type="text">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Note', _block_vars=_block_vars))
        yield '</th></tr></thead>\n  <tbody>\n'
        for l_1_c in (undefined(name='compared') if l_0_compared is missing else l_0_compared):
            _loop_vars = {}
            pass
            yield escape(environment.getattr(l_1_c, 'html'))
        l_1_c = missing
        yield '  </tbody>\n</table></div>\n'
    else:
        pass
        yield '<p class="none">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'No country is assessed against this criterion yet.', _block_vars=_block_vars))
        yield '</p>'
    yield '<h2>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Countries by answer', _block_vars=_block_vars))
    yield '</h2>\n<p>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), "Each name leads to that country's answer: the provisions cited and the coder's note.", _block_vars=_block_vars))
    yield '</p>\n'
    for l_1_g in (undefined(name='groups') if l_0_groups is missing else l_0_groups):
        _loop_vars = {}
        pass
        yield escape(environment.getattr(l_1_g, 'html'))
    l_1_g = missing

blocks = {'title': block_title, 'main': block_main}
debug_info = '1=12&2=17&3=30&4=50&5=54&6=58&7=60&8=62&9=64&10=66&11=68&12=70&14=73&15=75&17=83&20=92&21=95&22=97&23=99'

# Generated by `python3 -m legalreview.render.precompile` from templates/criterion.html.j2: do not edit.
