from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'region.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_tier_badge = l_0_answer_badge = l_0_figures = missing
    pass
    parent_template = environment.get_template('base.html.j2', 'region.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_macros.html.j2', 'region.html.j2')._get_default_module(context)
    l_0_tier_badge = getattr(included_template, 'tier_badge', missing)
    if l_0_tier_badge is missing:
        l_0_tier_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'region.html.j2') does not export the requested name 'tier_badge'", name='tier_badge')
    l_0_answer_badge = getattr(included_template, 'answer_badge', missing)
    if l_0_answer_badge is missing:
        l_0_answer_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'region.html.j2') does not export the requested name 'answer_badge'", name='answer_badge')
    l_0_figures = getattr(included_template, 'figures', missing)
    if l_0_figures is missing:
        l_0_figures = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'region.html.j2') does not export the requested name 'figures'", name='figures')
    context.vars.update({'tier_badge': l_0_tier_badge, 'answer_badge': l_0_answer_badge, 'figures': l_0_figures})
    context.exported_vars.difference_update(('tier_badge', 'answer_badge', 'figures'))
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_region = resolve('region')
    pass
    yield escape((undefined(name='region') if l_0_region is missing else l_0_region))

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_region = resolve('region')
    l_0_sets = resolve('sets')
    pass
    yield '<h1>'
    yield escape((undefined(name='region') if l_0_region is missing else l_0_region))
    yield '</h1>\n'
    for l_1_s in (undefined(name='sets') if l_0_sets is missing else l_0_sets):
        l_1_figures = resolve('figures')
        l_1__ = resolve('_')
        _loop_vars = {}
        pass
        yield '<section aria-labelledby="set-'
        yield escape(environment.getattr(l_1_s, 'id'))
        yield '">\n<h2 id="set-'
        yield escape(environment.getattr(l_1_s, 'id'))
        yield '"><a href="'
        yield escape(environment.getattr(l_1_s, 'href'))
        yield '">'
        yield escape(environment.getattr(l_1_s, 'title'))
        yield '</a></h2>\n<ul class="inline tiers">'
        for l_2_t in environment.getattr(l_1_s, 'tiers'):
            l_2_tier_badge = resolve('tier_badge')
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(environment.call(context, (undefined(name='tier_badge') if l_2_tier_badge is missing else l_2_tier_badge), l_2_t, _loop_vars=_loop_vars))
            yield ': '
            yield escape(environment.getattr(l_2_t, 'count'))
            yield '</li>'
        l_2_t = l_2_tier_badge = missing
        yield '</ul>\n'
        yield escape(environment.call(context, (undefined(name='figures') if l_1_figures is missing else l_1_figures), environment.getattr(l_1_s, 'maps'), markup_join((environment.getattr(l_1_s, 'id'), '-', )), _loop_vars=_loop_vars))
        yield '\n<div class="table-scroll" role="region" tabindex="0" aria-label="'
        yield escape(environment.getattr(l_1_s, 'title'))
        yield ': '
        yield escape((undefined(name='region') if l_0_region is missing else l_0_region))
        yield '">\n<table class="data global sortable">\n  <caption>'
        yield escape(environment.getattr(l_1_s, 'title'))
        yield ': '
        yield escape((undefined(name='region') if l_0_region is missing else l_0_region))
        yield ' ('
        yield escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'assessed countries first', _loop_vars=_loop_vars))
        yield ')</caption>\n  <thead><tr><th scope="col" data-type="text">'
        yield escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Country', _loop_vars=_loop_vars))
        yield '</th>'
        for l_2_c in environment.getattr(l_1_s, 'criteria'):
            _loop_vars = {}
            pass
            yield '<th scope="col" class="crit" data-type="num">'
            yield escape(environment.getattr(l_2_c, 'id'))
            yield ' <span class="short">'
            yield escape(environment.getattr(l_2_c, 'short'))
            yield '</span></th>'
        l_2_c = missing
        yield '<th scope="col" data-type="num">'
        yield escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Tier', _loop_vars=_loop_vars))
        yield '</th></tr></thead>\n  <tbody>\n'
        for l_2_r in environment.getattr(l_1_s, 'rows'):
            _loop_vars = {}
            pass
            yield escape(environment.getattr(l_2_r, 'html'))
        l_2_r = missing
        yield '  </tbody>\n</table>\n</div>\n</section>\n'
    l_1_s = l_1_figures = l_1__ = missing

def block_scripts(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    pass
    yield '<script src="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'assets'))
    yield 'static/site.js" defer></script>'

blocks = {'title': block_title, 'main': block_main, 'scripts': block_scripts}
debug_info = '1=13&2=16&3=30&4=41&5=52&6=54&7=60&8=62&9=68&10=79&11=81&13=85&14=91&16=105&23=113'

# Generated by `python3 -m legalreview.render.precompile` from templates/region.html.j2: do not edit.
